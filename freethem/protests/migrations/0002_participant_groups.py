"""The participant groups the tracker starts with (the Crowd Counting Consortium's, and those
of Iran's protests); staff may add more."""

from django.db import migrations

GROUPS = [
    ("workers", "Workers", "کارگران"),
    ("retirees", "Retirees", "بازنشستگان"),
    ("teachers", "Teachers", "معلمان"),
    ("farmers", "Farmers", "کشاورزان"),
    ("students", "Students", "دانشجویان"),
    ("women", "Women", "زنان"),
    ("nurses", "Nurses and health workers", "پرستاران و کادر درمان"),
    ("truckers", "Truck drivers", "رانندگان کامیون"),
    ("bazaar", "Bazaar merchants and shopkeepers", "بازاریان و کسبه"),
    ("families", "Families of prisoners", "خانواده‌های زندانیان"),
    ("investors", "Defrauded depositors", "مال‌باختگان"),
    ("residents", "Local residents", "اهالی محل"),
    ("ethnic", "Ethnic and religious minorities", "اقلیت‌های قومی و دینی"),
    ("diaspora", "Iranians abroad", "ایرانیان خارج از کشور"),
]


def add_groups(apps, schema_editor):
    group = apps.get_model("protests", "ParticipantGroup")
    for order, (slug, name_en, name_fa) in enumerate(GROUPS):
        group.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fa": name_fa, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("protests", "0001_initial")]
    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]

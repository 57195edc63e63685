"""ACLED's actor types and interaction as text, as its exports write them since 2024
("Protesters", "State forces-Protesters"), rather than the numeric codes of older files.

Numbers already stored become ACLED's words (6 -> "Protesters", 16 -> "State
forces-Protesters"); an empty value becomes "" as in the other text columns."""

from django.db import migrations, models

TYPES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
CHOICES = [(label, label) for label in TYPES.values()]


def interaction_text(code: str) -> str:
    if len(code) != 2 or code[0] not in TYPES:
        return code
    if code[1] == "0":
        return f"{TYPES[code[0]]} only"
    return f"{TYPES[code[0]]}-{TYPES.get(code[1], code[1])}"


def to_text(apps, schema_editor) -> None:  # noqa: ANN001 (the migration's signature)
    Protest = apps.get_model("protests", "Protest")
    for protest in Protest.objects.all().only("inter1", "inter2", "interaction"):
        protest.inter1 = TYPES.get(protest.inter1 or "", "")
        protest.inter2 = TYPES.get(protest.inter2 or "", "")
        protest.interaction = interaction_text(protest.interaction or "")
        protest.save(update_fields=["inter1", "inter2", "interaction"])


class Migration(migrations.Migration):
    dependencies = [("protests", "0002_participant_groups")]

    operations = [
        migrations.AlterField(
            model_name="protest",
            name="inter1",
            field=models.CharField(max_length=30, null=True, blank=True),
        ),
        migrations.AlterField(
            model_name="protest",
            name="inter2",
            field=models.CharField(max_length=30, null=True, blank=True),
        ),
        migrations.AlterField(
            model_name="protest",
            name="interaction",
            field=models.CharField(max_length=60, null=True, blank=True),
        ),
        migrations.RunPython(to_text, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="protest",
            name="inter1",
            field=models.CharField(
                blank=True, choices=CHOICES, max_length=30, verbose_name="actor's type"
            ),
        ),
        migrations.AlterField(
            model_name="protest",
            name="inter2",
            field=models.CharField(
                blank=True, choices=CHOICES, max_length=30, verbose_name="second actor's type"
            ),
        ),
        migrations.AlterField(
            model_name="protest",
            name="interaction",
            field=models.CharField(
                blank=True,
                help_text='ACLED\'s text: "Protesters only", "State forces-Protesters", …',
                max_length=60,
                verbose_name="interaction",
            ),
        ),
    ]

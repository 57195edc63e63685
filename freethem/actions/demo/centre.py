"""Demo data: the front page's prisoners in the news (the action centre's list is the
product's own default, seeded by a migration, not demo data)."""

from django.utils import timezone

from freethem.actions.models import NewsPick
from freethem.prisoners.models import Person

# (slug of a demo prisoner, why in the news in English, in Persian)
PICKS = (
    (
        "narges-mohammadi",
        "Awarded the Nobel Peace Prize while held in Evin Prison.",
        "در حالی که در زندان اوین بود جایزهٔ صلح نوبل را دریافت کرد.",
    ),
    (
        "sepideh-gholian",
        "Jailed after reporting on the Haft Tappeh sugar workers' strike.",
        "پس از گزارش اعتصاب کارگران نیشکر هفت‌تپه زندانی شد.",
    ),
    (
        "nasrin-sotoudeh",
        "Sentenced to 33 years for defending women who protested.",
        "به خاطر دفاع از زنان معترض به ۳۳ سال زندان محکوم شد.",
    ),
)


def load() -> str:
    if loaded():
        return ""
    today = timezone.localdate()
    picked = 0
    for position, (slug, note_en, note_fa) in enumerate(PICKS, start=1):
        person = Person.objects.filter(slug=slug, is_demo=True).first()
        if person is None:
            continue
        NewsPick.objects.create(
            prisoner=person,
            position=position * 10,
            note_en=note_en,
            note_fa=note_fa,
            since=today,
            is_demo=True,
        )
        picked += 1
    return f"{picked} prisoners in the news on the front page" if picked else ""


def loaded() -> bool:
    return NewsPick.objects.filter(is_demo=True).exists()

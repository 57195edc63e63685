"""Demo data: three volunteers (fictional people, example.org addresses), in three states; the
third has not confirmed yet."""

from django.db import transaction
from django.utils import timezone

from freethem.actions.models import Volunteer
from freethem.actions.services.volunteers import volunteer_email_hash
from freethem.actions.vocab import Availability, Skill, VolunteerState

PEOPLE = [
    {
        "name": "Maryam Demo",
        "email": "maryam.volunteer@example.org",
        "safe_contact": "Signal: @maryam.demo.01",
        "languages": "Persian, English, German",
        "skills": [Skill.TRANSLATION, Skill.SOCIAL],
        "country": "DE",
        "availability": Availability.WEEKLY,
        "message": "I can translate statements between Persian, German and English. (demo)",
        "language": "fa",
        "state": VolunteerState.ACTIVE,
        "confirmed": True,
    },
    {
        "name": "Tom Example",
        "email": "tom.volunteer@example.org",
        "languages": "English",
        "skills": [Skill.EVENTS, Skill.PRESS],
        "country": "GB",
        "availability": Availability.EVENTS,
        "message": "I have organised vigils in Manchester before. (demo)",
        "state": VolunteerState.CONTACTED,
        "confirmed": True,
    },
    {
        "name": "Leila Sample",
        "email": "leila.volunteer@example.org",
        "languages": "Persian, French",
        "skills": [Skill.RESEARCH, Skill.LEGAL],
        "country": "CA",
        "availability": Availability.FEW_HOURS,
    },
]


def loaded() -> bool:
    return Volunteer.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> str:
    if loaded():
        return ""
    for person in PEOPLE:
        fields = {key: value for key, value in person.items() if key != "confirmed"}
        Volunteer.objects.create(
            email_hash=volunteer_email_hash(person["email"]),
            confirmed_at=timezone.now() if person.get("confirmed") else None,
            is_demo=True,
            **fields,
        )
    return f"{len(PEOPLE)} demo volunteers"

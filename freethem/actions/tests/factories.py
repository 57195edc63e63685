"""Rows of the actions app for tests, made straight in the database (the services are tested
apart). Each helper returns a published row unless fields say otherwise."""

import secrets
from datetime import timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from django.utils import timezone

from freethem.actions.models import (
    Action,
    Drive,
    Follow,
    Mailing,
    ModelLetter,
    Official,
    Representative,
    RepresentativeMessage,
    Update,
    UrgentAction,
    Volunteer,
)
from freethem.actions.models.centre import NewsPick
from freethem.actions.subscriptions import address_hash
from freethem.actions.vocab import ActionKind, FollowState, OfficialRole, State, UpdateKind
from freethem.prisoners.models import Person
from freethem.prisoners.tests.factories import make_person

_numbers = count(1)


def make_action(**fields: Any) -> Action:
    n = next(_numbers)
    values: dict[str, Any] = {
        "kind": ActionKind.LINK,
        "slug": f"action-{n}",
        "position": n,
        "title_en": f"Action {n}",
        "title_fa": f"اقدام {n}",
        "text_en": "Do this now.",
        "text_fa": "همین حالا انجام دهید.",
        "button_en": "Do it",
        "button_fa": "انجام دهید",
        "url": "/prisoners/",
    }
    values.update(fields)
    return Action.objects.create(**values)


def make_urgent_action(
    *, prisoner: Person | None = None, letters: bool = True, **fields: Any
) -> UrgentAction:
    """An open urgent action for a new prisoner (or the one given), expiring in 30 days, with
    one official to write to, one embassy to copy, and model letters in English and Persian."""
    n = next(_numbers)
    today = timezone.localdate()
    values: dict[str, Any] = {
        "prisoner": prisoner or make_person(),
        "slug": f"urgent-{n}",
        "reference": f"UA {n}/26",
        "state": State.PUBLISHED,
        "issued_on": today - timedelta(days=2),
        "expires_on": today + timedelta(days=30),
        "title_en": f"Stop the execution {n}",
        "title_fa": f"اعدام را متوقف کنید {n}",
        "summary_en": "Sentenced to death after an unfair trial.",
        "summary_fa": "پس از دادرسی ناعادلانه به اعدام محکوم شده است.",
        "demands_en": "Quash the death sentence.\nRelease them now.",
        "demands_fa": "حکم اعدام را لغو کنید.\nفوراً آزادش کنید.",
        "card_en": "Thinking of you. You are not alone.",
        "card_fa": "به یادت هستیم. تنها نیستی.",
    }
    values.update(fields)
    action = UrgentAction.objects.create(**values)
    Official.objects.create(
        urgent_action=action,
        role=OfficialRole.TARGET,
        name="Head of the Judiciary",
        title="Head of the Judiciary of the Islamic Republic of Iran",
        address="Office of the Head of the Judiciary, Tehran, Iran",
        email="info@example.org",
        salutation="Dear Sir",
        language="en",
    )
    Official.objects.create(
        urgent_action=action,
        role=OfficialRole.COPY,
        name="Embassy of Iran in the United Kingdom",
        address="16 Prince's Gate, London SW7 1PT",
        email="embassy@example.org",
        country="GB",
    )
    if letters:
        ModelLetter.objects.create(
            urgent_action=action,
            language="en",
            subject="Release {prisoner}",
            body="{salutation},\n\nI urge you to release {prisoner}, held in {prison}.\n\n"
            "Yours sincerely,\n{supporter}",
        )
        ModelLetter.objects.create(
            urgent_action=action,
            language="fa",
            subject="آزادی {prisoner}",
            body="{salutation}،\n\nاز شما می‌خواهم {prisoner} را که در {prison} زندانی است "
            "آزاد کنید.\n\nبا احترام،\n{supporter}",
        )
    return action


def make_update(*, prisoners: tuple[Person, ...] = (), **fields: Any) -> Update:
    n = next(_numbers)
    values: dict[str, Any] = {
        "slug": f"update-{n}",
        "kind": UpdateKind.NEWS,
        "state": State.PUBLISHED,
        "published_at": timezone.now() - timedelta(minutes=n),
        "title_en": f"Update {n}",
        "title_fa": f"خبر {n}",
        "summary_en": "What happened.",
        "body_en": "What happened, in full.",
        "body_fa": "آنچه رخ داد.",
    }
    values.update(fields)
    update = Update.objects.create(**values)
    update.prisoners.set(prisoners)
    return update


def make_drive(**fields: Any) -> Drive:
    n = next(_numbers)
    today = timezone.localdate()
    values: dict[str, Any] = {
        "slug": f"drive-{n}",
        "state": State.PUBLISHED,
        "title_en": "Print the appeal in a newspaper",
        "title_fa": "چاپ فراخوان در روزنامه",
        "purpose_en": "A full back page with every name.",
        "goal": Decimal("15000"),
        "currency": "USD",
        "opens_on": today - timedelta(days=3),
        "deadline": today + timedelta(days=11),
    }
    values.update(fields)
    return Drive.objects.create(**values)


def make_follow(
    prisoner: Person,
    *,
    email: str = "ada@example.org",
    state: str = FollowState.CONFIRMED,
    **fields: Any,
) -> Follow:
    """A follower of the prisoner, confirmed unless `state` says otherwise."""
    now = timezone.now()
    values: dict[str, Any] = {
        "language": "en",
        "confirmed_at": now if state != FollowState.PENDING else None,
        "stopped_at": now if state == FollowState.STOPPED else None,
    }
    values.update(fields)
    return Follow.objects.create(
        prisoner=prisoner,
        email=email,
        email_hash=address_hash(email),
        state=state,
        link_key=secrets.token_urlsafe(32),
        **values,
    )


def make_representative(
    *, country: str = "GB", name: str = "Alex Morgan", **fields: Any
) -> Representative:
    """A representative with an email and a salutation (tests of /act/representatives/)."""
    defaults: dict[str, Any] = {
        "title": "Member of Parliament",
        "body": "House of Commons",
        "address": "House of Commons\nLondon SW1A 0AA",
        "email": f"{name.split()[0].lower()}@example.org",
        "phone": "+44 20 7946 0000",
        "website": "https://example.org/",
        "salutation": f"Dear {name}",
    }
    return Representative.objects.create(country=country, name=name, **{**defaults, **fields})


def make_representative_message(
    *, country: str = "", language: str = "en", **fields: Any
) -> RepresentativeMessage:
    defaults = {
        "subject": "Free them, {representative}",
        "body": "{salutation},\n\nPlease speak up for the prisoners of {country}.\n\n{supporter}",
    }
    return RepresentativeMessage.objects.create(
        country=country, language=language, **{**defaults, **fields}
    )


def make_volunteer(*, email: str = "vol@example.org", **fields: Any) -> Volunteer:
    from freethem.actions.services.volunteers import volunteer_email_hash

    defaults: dict[str, Any] = {"name": "Vida Volunteer", "skills": ["events"], "country": "GB"}
    return Volunteer.objects.create(
        email=email, email_hash=volunteer_email_hash(email), **{**defaults, **fields}
    )


def make_news_pick(*, prisoner: Person | None = None, **fields: Any) -> NewsPick:
    """A prisoner in the news on the front page (a new published prisoner unless given)."""
    values: dict[str, Any] = {
        "prisoner": prisoner or make_person(),
        "note_en": "In the news today.",
        "note_fa": "امروز در خبرها.",
    }
    values.update(fields)
    return NewsPick.objects.create(**values)


def make_mailing(**fields: Any) -> Mailing:
    """A draft mailing in English and Persian; to a new appeal's signers unless fields name
    another list (audience with its appeal, prisoner or event)."""
    from freethem.actions.vocab import Audience

    values: dict[str, Any] = {
        "subject_en": "News of the appeal",
        "subject_fa": "خبر فراخوان",
        "body_en": "The appeal was delivered today.\n\nThank you.",
        "body_fa": "فراخوان امروز تحویل داده شد.\n\nسپاس.",
    }
    values.update(fields)
    if not any(values.get(name) for name in ("appeal", "prisoner", "event")):
        from freethem.appeals.tests.factories import make_appeal

        values["audience"] = Audience.APPEAL_SIGNERS
        values["appeal"] = make_appeal(slug=f"appeal-{next(_numbers)}")
    return Mailing.objects.create(**values)

"""A volunteer confirms the address is theirs (double opt-in) through a mailed link that a
button on the page completes; the mails a visitor can trigger are limited; sign-ups never
confirmed are deleted, and volunteers long inactive are erased, by the worker's job."""

import re
from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from freethem.actions.models import Volunteer
from freethem.actions.services import volunteers as services
from freethem.actions.tests.factories import make_volunteer
from freethem.actions.vocab import VolunteerState

# The worker runs in the test (deliver()): its own connections see committed rows only.
pytestmark = pytest.mark.django_db(transaction=True)

URL = "/volunteer/"
LINK = re.compile(r"https?://[^/\s]+(/(?:[a-z]{2}/)?volunteer/confirm/\S+/)(?:\s|$)")


def deliver() -> None:
    """Run the background worker until the queue is empty, as the site's worker would."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def sign_up(client: Client, prefix: str = "", **fields: str) -> None:
    data = {"name": "Roya Rahimi", "email": "roya@example.org", "consent": "on", **fields}
    assert client.post(prefix + URL, data).status_code == 302


def link_in(message: EmailMessage) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def test_it_mails_a_link_that_a_button_confirms(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sign_up(client)
    assert "Check your email" in client.get("/volunteer/thanks/").content.decode()
    deliver()
    (message,) = mailoutbox
    assert message.to == ["roya@example.org"]
    assert message.subject == "Please confirm you want to volunteer"
    assert "Roya" not in message.body  # nothing the visitor typed goes into a mail
    link = link_in(message)
    page = client.get(link).content.decode()  # a mail scanner's visit changes nothing
    assert "Confirm you want to volunteer" in page and "Roya" not in page
    assert Volunteer.objects.get().confirmed_at is None
    assert client.post(link).status_code == 302
    assert Volunteer.objects.get().confirmed_at is not None
    assert "you are confirmed" in client.get(link).content.decode()
    deliver()
    assert len(mailoutbox) == 1


def test_it_mails_in_the_language_of_the_sign_up(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sign_up(client, "/fa")
    deliver()
    (message,) = mailoutbox
    assert message.subject == "لطفاً تأیید کنید که می‌خواهید داوطلب شوید"
    assert "/fa/volunteer/confirm/" in message.body


def test_it_refuses_a_forged_link(client: Client) -> None:
    volunteer = make_volunteer()
    token = services.confirm_token(volunteer)
    assert client.get(f"/volunteer/confirm/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/volunteer/confirm/{'a' * 200}/").status_code == 404
    services.volunteer_erase(volunteer=volunteer)
    assert client.get(f"/volunteer/confirm/{token}/").status_code == 404


def test_it_limits_the_mails_to_one_address(client: Client, mailoutbox: list[EmailMessage]) -> None:
    for _ in range(services.MAILS_PER_ADDRESS + 2):
        sign_up(client)
    deliver()
    assert len(mailoutbox) == services.MAILS_PER_ADDRESS
    assert Volunteer.objects.count() == 1


def test_it_mails_nobody_confirmed_already(client: Client, mailoutbox: list[EmailMessage]) -> None:
    make_volunteer(email="roya@example.org", confirmed_at=timezone.now())
    sign_up(client, skills="design")
    deliver()
    assert mailoutbox == []
    assert Volunteer.objects.get().skills == ["design", "events"]


def test_it_deletes_unconfirmed_and_erases_long_inactive_volunteers(
    settings: object,
) -> None:
    now = timezone.now()
    fresh = make_volunteer(email="fresh@example.org")
    stale = make_volunteer(email="stale@example.org")
    kept = make_volunteer(email="kept@example.org", confirmed_at=now)
    idle = make_volunteer(email="idle@example.org", confirmed_at=now, state=VolunteerState.INACTIVE)
    Volunteer.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=15))
    Volunteer.objects.filter(pk__in=[kept.pk, idle.pk]).update(
        created_at=now - timedelta(days=800), updated_at=now - timedelta(days=800)
    )
    assert services.volunteers_expire(now=now) == (1, 1)
    assert set(Volunteer.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk, idle.pk}
    idle.refresh_from_db()
    kept.refresh_from_db()
    assert (idle.name, idle.email) == ("", None)
    assert kept.email == "kept@example.org"
    settings.FREETHEM_VOLUNTEER_INACTIVE_DAYS = 0  # type: ignore[attr-defined]
    Volunteer.objects.filter(pk=kept.pk).update(state=VolunteerState.INACTIVE)
    assert services.volunteers_expire(now=now) == (0, 0)

"""RSVPs for tests: made straight in the database, or through the form as a visitor would."""

import re
import secrets
from typing import Any

from django.core.mail import EmailMessage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from freethem.events.models import Event, Rsvp
from freethem.events.services.rsvps import rsvp_email_hash
from freethem.events.vocab import RsvpState

LINK = re.compile(r"https?://[^/\s]+(/(?:[a-z]{2}/)?events/rsvp/[A-Za-z0-9_-]+/)(?:\s|$)")


def make_rsvp(
    event: Event,
    *,
    name: str = "Ada Lovelace",
    email: str = "ada@example.org",
    state: str = RsvpState.GOING,
    **fields: Any,
) -> Rsvp:
    """An RSVP, confirmed (GOING) unless `state` says otherwise."""
    values: dict[str, Any] = {
        "confirmed_at": timezone.now() if state in (RsvpState.GOING, RsvpState.WAITING) else None,
        "language": "en",
    }
    values.update(fields)
    return Rsvp.objects.create(
        event=event,
        name=name,
        email=email,
        email_hash=rsvp_email_hash(email),
        state=state,
        link_key=secrets.token_urlsafe(32),
        **values,
    )


def rsvp_post(
    client: Client,
    event: Event,
    *,
    name: str = "Ada Lovelace",
    email: str = "ada@example.org",
    language: str = "",
    **extra: str,
) -> HttpResponse:
    prefix = f"/{language}" if language else ""
    return client.post(
        f"{prefix}/events/{event.slug}/rsvp/", {"name": name, "email": email, **extra}
    )


def deliver() -> None:
    """Run the background worker until the queue is empty, as the site's worker would."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def rsvp_link(message: EmailMessage | str) -> str:
    """The path of the RSVP page a mail links to (its first link, the person's page)."""
    body = message if isinstance(message, str) else message.body
    match = LINK.search(body)
    assert match, body
    return match.group(1)

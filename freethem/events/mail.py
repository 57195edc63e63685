"""The mails to those who RSVP, in the RSVP's language, as plain text.

Nothing the person typed goes into them (no name: a "name" could be a link or an
instruction). The event's own texts (title, venue, address) are put between FSI and PDI, so
they keep their direction inside a sentence of the other language. Every mail carries the
link to the person's RSVP page, where they can cancel.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop
from persiantools import digits

from freethem.core.templatetags.freethem import jalali
from freethem.events.models import Event, Rsvp
from freethem.events.services import rsvps as services

SUBJECTS = {
    services.MAIL_CONFIRM: gettext_noop("Please confirm your place: %(title)s"),
    services.MAIL_GOING: gettext_noop("You're going: %(title)s"),
    services.MAIL_WAITING: gettext_noop("You're on the waiting list: %(title)s"),
    services.MAIL_PROMOTED: gettext_noop("A place is free, you're going: %(title)s"),
    services.MAIL_REMINDER: gettext_noop("Tomorrow: %(title)s"),
    services.MAIL_EVENT_CANCELLED: gettext_noop("Cancelled: %(title)s"),
}


# Unicode's first-strong isolate and its end, around the event's texts in plain text.
FSI, PDI = "\u2068", "\u2069"


def isolate(value: object) -> str:
    return f"{FSI}{value}{PDI}" if value else ""


def site_url(path: str) -> str:
    return settings.FREETHEM_SITE_URL.rstrip("/") + path


def local_start(event: Event) -> datetime:
    return event.starts_at.astimezone(ZoneInfo(event.time_zone))


def when_text(event: Event) -> str:
    """When the event is, in its own time zone, in the active language: "Saturday 12 December
    2026, 18:00 to 20:00 (Europe/London)"; Solar Hijri first in Persian."""
    zone = ZoneInfo(event.time_zone)
    start, end = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
    persian = (translation.get_language() or "").startswith("fa")
    day = formats.date_format(start.date(), "l j F Y")
    if persian:
        day = f"{jalali(start.date())} ({digits.en_to_fa(day)})"
    times = f"{start:%H:%M}", f"{end:%H:%M}"
    if start.date() != end.date():
        times = times[0], f"{formats.date_format(end.date(), 'j F')} {end:%H:%M}"
    text = gettext("%(day)s, %(start)s to %(end)s (%(zone)s)") % {
        "day": day,
        "start": times[0],
        "end": times[1],
        "zone": event.time_zone,
    }
    return digits.en_to_fa(text) if persian else text


def rsvp_url(rsvp: Rsvp) -> str:
    return site_url(reverse("events:rsvp_manage", args=[rsvp.link_key]))


def cancel_url(rsvp: Rsvp) -> str:
    return site_url(reverse("events:rsvp_cancel", args=[rsvp.link_key]))


def rsvp_message(rsvp: Rsvp, kind: str) -> EmailMessage:
    """The mail of this kind (services.MAIL_*) for the person who RSVPed."""
    if kind not in SUBJECTS:
        raise ValueError(f"no mail of kind {kind!r}")
    event = rsvp.event
    with translation.override(rsvp.language):
        text = event.text(rsvp.language)
        title = text.title if text else event.slug
        context = {
            "event": event,
            "kind": kind,
            "title": isolate(title),
            "venue": isolate(event.venue),
            "address": isolate(" ".join(event.address.split())),
            "city": isolate(event.city),
            "online_url": event.online_url,
            "contact": isolate(event.contact_name),
            "contact_email": event.contact_email,
            "when": when_text(event),
            "rsvp_url": rsvp_url(rsvp),
            "cancel_url": cancel_url(rsvp),
            "event_url": site_url(event.get_absolute_url()),
            # Those going learn the private address; a public one is on the page anyway.
            "with_place": kind
            in (services.MAIL_GOING, services.MAIL_PROMOTED, services.MAIL_REMINDER),
        }
        message = EmailMessage(
            subject=gettext(SUBJECTS[kind]) % {"title": isolate(title)},
            body=render_to_string(f"events/mail/{kind}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[rsvp.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
    return message

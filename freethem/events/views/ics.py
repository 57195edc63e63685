"""Calendar files (RFC 5545): one event's (/events/<slug>.ics) and the feed of public events
(/events.ics), made with the icalendar library.

Each event keeps its UID for life and its SEQUENCE goes up with each change a calendar shows
(freethem.events.services), so calendars replace their copy rather than add a second one. A
cancelled event stays in the feed with STATUS:CANCELLED, so calendars strike it out rather
than keep it. A private address or link is never in a calendar file.
"""

from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from freethem.events.models import Event, EventQuerySet
from freethem.events.vocab import State

# The feed: events that ended less than this long ago, and those to come.
FEED_PAST = timedelta(days=90)
FEED_MAX_EVENTS = 500
PRODID = "-//freethem//campaign events//EN"


def uid(event: Event) -> str:
    host = urlsplit(settings.FREETHEM_SITE_URL).hostname or "freethem"
    return f"{event.uid}@{host}"


def location(event: Event) -> str:
    """Where, as far as the public may know: the venue and address, unless they are private
    (then the city), and the online link when it is public."""
    city = ", ".join(part for part in (event.city, str(event.country.name or "")) if part)
    if event.address_private:
        return city
    place = [part for part in (event.venue, event.address) if part]
    if not place and event.online_url:
        return event.online_url
    return ", ".join(place) or city


def description(event: Event, page_url: str) -> str:
    text = event.text()
    parts = [text.description.strip()] if text and text.description.strip() else []
    if event.address_private and (event.venue or event.address):
        parts.append(gettext("The address is sent to those who RSVP."))
    if event.address_private and event.online_url:
        parts.append(gettext("The link is sent to those who RSVP."))
    elif event.online_url:
        parts.append(gettext("Online: %(url)s") % {"url": event.online_url})
    parts.append(page_url)
    return "\n\n".join(parts)


def entry(event: Event, site: str) -> CalendarEvent:
    zone = ZoneInfo(event.time_zone)
    page_url = site + event.get_absolute_url()
    item = CalendarEvent()
    item.add("uid", uid(event))
    item.add("sequence", event.sequence)
    item.add("dtstamp", event.updated_at.astimezone(ZoneInfo("UTC")))
    item.add("last-modified", event.updated_at.astimezone(ZoneInfo("UTC")))
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", event.title)
    item.add("description", description(event, page_url))
    if where := location(event):
        item.add("location", where)
    item.add("url", page_url)
    item.add("status", "CANCELLED" if event.state == State.CANCELLED else "CONFIRMED")
    return item


def calendar(events: list[Event], name: str) -> bytes:
    site = settings.FREETHEM_SITE_URL
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(entry(event, site))
    if events:
        # Each zone's rules over the events' span only (a year either side), not 1970-2038.
        first = min(event.starts_at for event in events).date() - timedelta(days=366)
        last = max(event.ends_at for event in events).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language_suffix() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return "" if language == settings.LANGUAGE_CODE else f"-{language}"


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.public().prefetch_related("texts"), slug=slug)
    body = calendar([event], event.title)
    return ics_response(body, f"{event.slug}{_language_suffix()}.ics")


def feed_events() -> EventQuerySet:
    recent = timezone.now() - FEED_PAST
    return (
        Event.objects.public()
        .filter(ends_at__gte=recent)
        .order_by("starts_at", "pk")
        .prefetch_related("texts")
    )


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    events = list(feed_events()[:FEED_MAX_EVENTS])
    body = calendar(events, gettext("Free Them All: campaign events"))
    return ics_response(body, f"freethem-events{_language_suffix()}.ics")

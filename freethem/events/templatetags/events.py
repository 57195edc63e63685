"""Template helpers of the events' pages: when an event is, in its own time zone and (on
Persian pages) in both calendars, and the language attributes of a text shown in a language
other than the page's. {% load events %}."""

import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from freethem.core.templatetags.freethem import is_persian, jalali, num
from freethem.events.models import Event, EventText

register = template.Library()

# Languages an event's text may be in that are written right to left; Kurdish is written in
# both scripts, so its direction is left to the browser.
RTL = frozenset({"fa", "ar"})


def local(event: Event, value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(ZoneInfo(event.time_zone))


def day_text(day: datetime.date) -> str:
    """'Saturday 12 December 2026'; on Persian pages the Solar Hijri date with the Gregorian
    one after it, in Persian digits."""
    gregorian = formats.date_format(day, "l j F Y")
    if not is_persian():
        return gregorian
    values = {
        "weekday": formats.date_format(day, "l"),
        "jalali": jalali(day),
        "gregorian": formats.date_format(day, "j F Y"),
    }
    return num(gettext("%(weekday)s %(jalali)s (%(gregorian)s)") % values)


def time_text(value: datetime.datetime) -> str:
    return num(value.strftime("%H:%M"))


@register.simple_tag
def event_when(event: Event) -> SafeString:
    """When the event is, in its time zone, with the zone named: 'Saturday 12 December 2026,
    18:00–20:00 (time in London: Europe/London, GMT)'."""
    start, end = local(event, event.starts_at), local(event, event.ends_at)
    if start.date() == end.date():
        span = gettext("%(day)s, %(start)s–%(end)s") % {
            "day": day_text(start.date()),
            "start": time_text(start),
            "end": time_text(end),
        }
    else:
        span = gettext("%(first_day)s, %(start)s – %(last_day)s, %(end)s") % {
            "first_day": day_text(start.date()),
            "start": time_text(start),
            "last_day": day_text(end.date()),
            "end": time_text(end),
        }
    return format_html(
        '<time datetime="{}">{}</time> <span class="zone">({})</span>',
        start.isoformat(),
        span,
        zone_text(event, start),
    )


def zone_text(event: Event, start: datetime.datetime) -> SafeString:
    """The time zone's name and its abbreviation at the event's start, isolated from the text
    around them."""
    abbreviation = start.tzname() or ""
    name = event.time_zone.replace("_", " ")
    label = name if abbreviation in ("", name) else f"{name}, {abbreviation}"
    return format_html('{} <bdi dir="ltr">{}</bdi>', gettext("time zone:"), label)


@register.simple_tag
def event_day(event: Event) -> SafeString:
    """The event's start date and time in its own time zone, short, for a list."""
    start = local(event, event.starts_at)
    text = gettext("%(day)s, %(time)s") % {"day": day_text(start.date()), "time": time_text(start)}
    return format_html(
        '<time datetime="{}">{}</time> <span class="zone"><bdi dir="ltr">{}</bdi></span>',
        start.isoformat(),
        text,
        start.tzname() or event.time_zone,
    )


@register.simple_tag
def text_attrs(text: EventText | None) -> SafeString:
    """lang and dir for a text in another language than the page's; nothing otherwise."""
    if text is None or text.language == (get_language() or "en").split("-")[0]:
        return SafeString("")
    direction = "rtl" if text.language in RTL else "auto" if text.language == "ku" else "ltr"
    return format_html(' lang="{}" dir="{}"', text.language, direction)


@register.filter
def bdi(value: object) -> SafeString:
    """User text isolated from the sentence around it."""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def event_city(event: Event) -> SafeString:
    """'London, United Kingdom' (the city isolated, the country in the page's language)."""
    separator = "، " if is_persian() else ", "
    parts = [format_html("<bdi>{}</bdi>", event.city)] if event.city else []
    if event.country:
        parts.append(format_html("{}", event.country.name))
    return SafeString(separator.join(parts))

"""Template helpers for bilingual pages (Persian digits, dates in both calendars, links to the
page in each language) and the site's navigation.

Loaded as a builtin (settings.TEMPLATES), so every template can use them without {% load %}.
"""

import datetime

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import (
    get_language,
    get_language_bidi,
    get_language_from_path,
    get_language_info,
    gettext,
)
from persiantools import digits
from persiantools.jdatetime import JalaliDate

from freethem.core.dates import JALALI_MONTHS_FA
from freethem.core.registry import navigation

register = template.Library()


def is_persian() -> bool:
    return (get_language() or "").split("-")[0] == "fa"


@register.filter
def num(value: object) -> str:
    """The value with Persian digits on Persian pages, unchanged elsewhere."""
    text = str(value)
    return digits.en_to_fa(text) if is_persian() else text


# Persian groups thousands with the Arabic thousands separator (U+066C), not a comma.
PERSIAN_THOUSANDS = "\u066c"


@register.filter
def grouped(value: object) -> str:
    """A whole number with its thousands grouped for the page's language: 5,000 in English,
    ۵٬۰۰۰ in Persian. Anything else as num gives it (a year or a page number wants num)."""
    try:
        text = f"{int(str(value)):,}"
    except ValueError:
        return num(value)
    return digits.en_to_fa(text).replace(",", PERSIAN_THOUSANDS) if is_persian() else text


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def jalali(value: datetime.date) -> str:
    """'7 آذر 1405' for 2026-11-28, in Persian digits."""
    jdate = JalaliDate(value)
    return digits.en_to_fa(f"{jdate.day} {JALALI_MONTHS_FA[jdate.month - 1]} {jdate.year}")


@register.simple_tag
def both_dates(value: datetime.date | datetime.datetime | None) -> str:
    """A date as a <time> element: Solar Hijri with the Gregorian date beside it on Persian
    pages, the Gregorian date alone elsewhere."""
    if value is None:
        return ""
    day = _as_date(value)
    gregorian = formats.date_format(day, "j F Y")
    if is_persian():
        text = gettext("%(jalali)s (%(gregorian)s)") % {
            "jalali": jalali(day),
            "gregorian": digits.en_to_fa(gregorian),
        }
    else:
        text = gregorian
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)


@register.simple_tag
def text_direction() -> str:
    return "rtl" if get_language_bidi() else "ltr"


@register.simple_tag(takes_context=True)
def navigation_links(context: template.Context) -> list[dict[str, object]]:
    """The links the installed apps add to the site's header (freethem.core.registry)."""
    request = context.get("request")
    return [
        {"url": reverse(link.url_name), "label": link.label, "current": link.is_current(request)}
        for link in navigation()
    ]


def _in_language(path: str, code: str, current: str) -> str:
    """translate_url(), also for an address that names no page (a 404 page's switcher): there
    the same address under the other language's prefix, which shows the 404 in that language."""
    translated = translate_url(path, code)
    if translated != path or code == current:
        return translated
    prefix = get_language_from_path(path)
    bare = path.removeprefix(f"/{prefix}") if prefix else path
    return bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}"


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """One link per language to the page being shown, for the language switcher."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = (get_language() or "en").split("-")[0]
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": _in_language(path, code, current),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]

"""Template helpers for the protest tracker's public pages: a record's crowd size and place in
the page's language and digits, and the address of the list filtered by one value."""

import functools

from django import template
from django.utils import translation
from django.utils.translation import gettext
from django_countries import countries

from freethem.core.templatetags.freethem import grouped
from freethem.protests import filters
from freethem.protests.models import Protest
from freethem.protests.vocab import Province

register = template.Library()


@register.filter
def crowd(protest: Protest) -> str:
    """'200–300', 'at least 200', 'up to 300', or the source's words; empty when unknown."""
    low, high = protest.size_low, protest.size_high
    if low is not None and high is not None:
        if low == high:
            return grouped(low)
        return gettext("%(low)s–%(high)s") % {"low": grouped(low), "high": grouped(high)}
    if low is not None:
        return gettext("at least %(n)s") % {"n": grouped(low)}
    if high is not None:
        return gettext("up to %(n)s") % {"n": grouped(high)}
    return ""


@functools.lru_cache(maxsize=1024)
def country_name(code: str, language: str) -> str:
    """A country's name in a language: django-countries translates its whole list on each
    look-up, which a list of thirty records abroad would pay thirty times."""
    with translation.override(language):
        return str(countries.name(code))


@register.filter
def region(protest: Protest) -> str:
    """The province inside Iran, the country abroad, in the page's language."""
    if protest.inside_iran:
        # One label translated, where get_province_display() goes through all 31.
        return str(Province(protest.province).label) if protest.province in Province else ""
    return country_name(str(protest.country.code), translation.get_language() or "en")


@register.simple_tag
def filtered(**chosen: str) -> str:
    """The list page's query string for these choices: {% filtered province=p.province %}."""
    return filters.list_url(**{key: str(value) for key, value in chosen.items() if value})


@register.filter
def type_code(protest: Protest) -> str:
    """The ?type= value of a record's sub-event type."""
    return next(
        (key for key, (column, value, _l) in filters.TYPES.items()
         if column == "sub_event_type" and value == protest.sub_event_type),
        "",
    )  # fmt: skip

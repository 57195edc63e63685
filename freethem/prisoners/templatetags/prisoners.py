"""Template helpers for the case database's public pages: names marked with their script,
fields in the page's language, partial dates and sentence lengths."""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django import template
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from freethem.core.dates import Calendar, PartialDate, Precision
from freethem.core.templatetags.freethem import num
from freethem.prisoners.models import Person, Sentence
from freethem.prisoners.vocab import SentenceKind

register = template.Library()

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
PERSIAN_ATTRS = mark_safe('lang="fa" dir="rtl"')
LATIN_ATTRS = mark_safe('lang="en" dir="ltr"')


def page_language() -> str:
    return (get_language() or "en").split("-")[0]


@register.filter
def script_attrs(text: str) -> SafeString:
    """lang and dir attributes for a name, from the script it is written in."""
    return PERSIAN_ATTRS if ARABIC_SCRIPT.search(text or "") else LATIN_ATTRS


@register.filter
def bdi(text: object) -> SafeString:
    """text isolated from the text around it, as user-supplied or other-language text must be
    (a Latin name on a Persian page, a Persian one on an English page): in a <bdi> with the
    lang and dir of its script. Empty for empty text."""
    if text is None or str(text) == "":
        return mark_safe("")
    return format_html("<bdi {}>{}</bdi>", script_attrs(str(text)), text)


@dataclass(frozen=True)
class Localised:
    text: str
    lang: str

    @property
    def attrs(self) -> SafeString:
        return PERSIAN_ATTRS if self.lang == "fa" else LATIN_ATTRS

    def __str__(self) -> str:
        return self.text


@register.simple_tag
def pick(instance: models.Model, field: str) -> Localised:
    """instance.<field>_fa on Persian pages and <field>_en elsewhere, falling back to the
    other language (marked as such) when the page's one is empty."""
    first = "fa" if page_language() == "fa" else "en"
    for lang in (first, "en" if first == "fa" else "fa"):
        text = getattr(instance, f"{field}_{lang}", "")
        if text:
            return Localised(text, lang)
    return Localised("", first)


@register.filter
def partial_date(value: PartialDate) -> str:
    """A partial date at the precision its source gave, in the page's language."""
    from freethem.core.dates import format_partial_date

    return format_partial_date(value, page_language())


@register.filter
def datetime_attr(value: PartialDate) -> str:
    """The <time datetime=""> value of a partial date: as precise as the date, no more.
    Empty for a Solar Hijri month or year, which straddles two Gregorian ones."""
    if value.date is None or value.precision == Precision.UNKNOWN:
        return ""
    if value.calendar == Calendar.JALALI and value.precision != Precision.DAY:
        return ""
    shape = {Precision.DAY: "%Y-%m-%d", Precision.MONTH: "%Y-%m", Precision.YEAR: "%Y"}
    return value.date.strftime(shape[Precision(value.precision)])


@register.filter
def month_label(value: datetime.date) -> str:
    """'November 2021' in the page's language and digits."""
    return num(formats.date_format(value, "F Y"))


@register.filter
def web_url(url: str) -> bool:
    """Whether a stored address is safe to link to (http or https only)."""
    return url.lower().startswith(("https://", "http://"))


@register.simple_tag
def photo_url(person: Person) -> str:
    """The photo's address; it changes with the photo, so browsers may cache it for long."""
    version = hashlib.sha256(person.photo.name.encode()).hexdigest()[:10]
    return f"{reverse('prisoners:photo', args=[person.slug])}?v={version}"


@register.simple_tag
def comma() -> str:
    """The list separator of the page's language."""
    return "، " if page_language() == "fa" else ", "


@register.filter
def duration(months: int | None) -> str:
    """'33 years', '10 years and 8 months', '8 months'; digits in the page's script."""
    if months is None:
        return ""
    years, rest = divmod(months, 12)
    year_text = ngettext("%(n)s year", "%(n)s years", years) % {"n": num(years)}
    month_text = ngettext("%(n)s month", "%(n)s months", rest) % {"n": num(rest)}
    if years and rest:
        return gettext("%(years)s and %(months)s") % {"years": year_text, "months": month_text}
    return year_text if years or not rest else month_text


@register.filter
def amount(sentence: Sentence, field: str = "imposed") -> str:
    """A sentence component's imposed (or enforceable) amount in its unit."""
    value = getattr(sentence, field)
    if value is None:
        return ""
    if sentence.kind in SentenceKind.in_months():
        return duration(value)
    if sentence.kind == SentenceKind.LASHES:
        return ngettext("%(n)s lash", "%(n)s lashes", value) % {"n": num(value)}
    if sentence.kind == SentenceKind.FINE:
        return gettext("%(n)s rials") % {"n": num(f"{value:,}")}
    return num(value)

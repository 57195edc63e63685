"""Template filters of the staff area ({% load staff %})."""

from django import template

from freethem.core.templatetags.freethem import is_persian, num

register = template.Library()

PERSIAN_THOUSANDS = "\u066c"  # ARABIC THOUSANDS SEPARATOR, as Persian writes 5٬000


@register.filter
def grouped(value: int) -> str:
    """A count with its thousands grouped as the language writes them: 5,000 or ۵٬۰۰۰."""
    text = f"{int(value):,}"
    if is_persian():
        text = text.replace(",", PERSIAN_THOUSANDS)
    return num(text)


@register.filter
def ltr(value: object) -> str:
    """The value in a left-to-right isolate (an address, a domain), for text where a <bdi>
    cannot go, such as a variable of {% blocktranslate %}."""
    return f"\u2066{value}\u2069"

"""Template filters of the staff area ({% load staff %})."""

from django import template

from freethem.core.templatetags.freethem import grouped

register = template.Library()

# The site's own grouping (5,000 / ۵٬۰۰۰), under the name the staff templates load.
register.filter("grouped", grouped)


@register.filter
def ltr(value: object) -> str:
    """The value in a left-to-right isolate (an address, a domain), for text where a <bdi>
    cannot go, such as a variable of {% blocktranslate %}."""
    return f"\u2066{value}\u2069"

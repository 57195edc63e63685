"""Template helpers for the appeal's pages and mails: text from elsewhere (a title, a name)
kept whole inside a translated sentence, whatever its script and the page's direction."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# Unicode's first-strong isolate and its end: the text between them takes its own direction
# and leaves the sentence's alone (for plain text, where there is no <bdi>).
FSI, PDI = "\u2068", "\u2069"


@register.filter
def bdi(value: object) -> SafeString:
    """The value (escaped) in a <bdi>, to put into a translated sentence of an HTML page or
    mail: {% blocktranslate with title=appeal.title|bdi %}."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate(value: object) -> str:
    """The value between FSI and PDI, for plain text (the text mails)."""
    return f"{FSI}{value}{PDI}"

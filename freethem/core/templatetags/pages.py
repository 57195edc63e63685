"""Tags of the pages every site has: the ways back that error pages offer. {% load pages %}."""

from django import template
from django.urls import reverse

from freethem.core.registry import navigation, searches

register = template.Library()


@register.inclusion_tag("core/_ways_back.html")
def ways_back() -> dict[str, object]:
    """Where a visitor can go from an error page: the home page, the sections in the header,
    and the searches the apps offer (freethem.core.registry)."""
    return {
        "links": [{"url": reverse(link.url_name), "label": link.label} for link in navigation()],
        "searches": searches(),
    }

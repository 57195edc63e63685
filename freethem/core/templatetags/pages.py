"""Tags of the pages every site has: the tags that make a shared link preview well (Open
Graph and Twitter cards) and the ways back that error pages offer. {% load pages %}."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext

from freethem.core.artwork import SHARE_SIZE
from freethem.core.registry import navigation, searches

register = template.Library()

# Open Graph names a language with its usual territory.
OG_LOCALES = {"en": "en_GB", "fa": "fa_IR"}


def absolute(url: str) -> str:
    """The address as the public reaches it (FREETHEM_SITE_URL), whatever Host a request named:
    link previews are fetched from that address, not from the one a request came to."""
    return url if "://" in url else settings.FREETHEM_SITE_URL + url


def og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code)


@register.inclusion_tag("core/_share_tags.html", takes_context=True)
def share_tags(
    context: template.Context, title: str = "", description: str = "", image: str = ""
) -> dict[str, object]:
    """Open Graph and Twitter card tags for the page being shown. Without an image, the
    site's own picture (freethem.core.artwork); with one (a path or an address), that."""
    request = context.get("request")
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    others = [og_locale(code) for code, _name in settings.LANGUAGES if code != language]
    return {
        "site_name": gettext("Free Them All"),
        "title": title or gettext("Free Iran's political prisoners"),
        "description": description
        or gettext(
            "A campaign to free Iran's political prisoners: their cases, the appeal, protests "
            "and what you can do."
        ),
        "url": absolute(request.path) if request else "",
        "image": absolute(image or reverse("share_image")),
        # The size and words of our own picture; a photo's size is the photo's.
        "image_size": None if image else SHARE_SIZE,
        "image_alt": "" if image else gettext("Prison bars bent apart, and birds flying out."),
        "locale": og_locale(language),
        "alternate_locales": others,
    }


@register.inclusion_tag("core/_ways_back.html")
def ways_back() -> dict[str, object]:
    """Where a visitor can go from an error page: the home page, the sections in the header,
    and the searches the apps offer (freethem.core.registry)."""
    return {
        "links": [{"url": reverse(link.url_name), "label": link.label} for link in navigation()],
        "searches": searches(),
    }

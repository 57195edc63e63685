"""/sitemap.xml: every public page in every language, each with its hreflang alternates.

Apps declare their sitemaps in their apps.py (`sitemaps`, freethem.core.registry) as
subclasses of SiteSitemap; core lists its own pages the same way. Addresses start with
FREETHEM_SITE_URL, the address the public reaches the site at, whatever Host a request named.
"""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteSitemap(Sitemap):
    """A sitemap of this site: each item in every language, with the others as alternates.
    (No x-default: Django makes it by cutting "/en/" out of the address, and English
    addresses here have no prefix, so it could cut a slug that happens to be "en".)"""

    i18n = True
    alternates = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.FREETHEM_SITE_URL).scheme

    def get_domain(self, site: object = None) -> str:
        return urlsplit(settings.FREETHEM_SITE_URL).netloc


class PageSitemap(SiteSitemap):
    """Pages without arguments, by URL name."""

    url_names: Sequence[str] = ()

    def items(self) -> list[str]:
        return list(self.url_names)

    def location(self, item: str) -> str:
        return reverse(item)


class CorePages(PageSitemap):
    url_names = ("core:home", "core:privacy")

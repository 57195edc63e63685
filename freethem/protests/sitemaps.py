"""The protest tracker's public pages in /sitemap.xml (declared in apps.py): the list, the
figures, the map and every published record that stands on its own (not merged)."""

from datetime import datetime

from freethem.core.sitemaps import PageSitemap, SiteSitemap
from freethem.protests.filters import public_protests
from freethem.protests.models import Protest, ProtestQuerySet


class ProtestPages(PageSitemap):
    url_names = ("protests:list", "protests:stats", "protests:map")


class Protests(SiteSitemap):
    def items(self) -> ProtestQuerySet:
        return public_protests().only("event_id", "updated_at").order_by("pk")

    def lastmod(self, protest: Protest) -> datetime:
        return protest.updated_at

"""Campaign events' public pages in /sitemap.xml (declared in apps.py): the list and the page
of every public event (published or cancelled), never a draft."""

from datetime import datetime

from freethem.core.sitemaps import PageSitemap, SiteSitemap
from freethem.events.models import Event, EventQuerySet


class EventPages(PageSitemap):
    url_names = ("events:list",)


class Events(SiteSitemap):
    def items(self) -> EventQuerySet:
        return Event.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event: Event) -> datetime:
        return event.updated_at

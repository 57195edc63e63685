"""The appeals in /sitemap.xml (declared in apps.py): the index and every appeal the public
may see; drafts never."""

from freethem.appeals.models import Appeal, AppealQuerySet
from freethem.core.sitemaps import PageSitemap, SiteSitemap


class AppealPages(PageSitemap):
    # Not /appeal/: it shows the featured appeal, whose own address is listed below.
    url_names = ("appeals:index",)


class Appeals(SiteSitemap):
    def items(self) -> AppealQuerySet:
        return Appeal.objects.public().only("slug").order_by("pk")

"""Updates in /sitemap.xml: the list and every public update, never a draft or one published
for later."""

from datetime import datetime

from freethem.actions.models import Update
from freethem.actions.models.updates import UpdateQuerySet
from freethem.core.sitemaps import PageSitemap, SiteSitemap


class UpdatePages(PageSitemap):
    url_names = ("updates:list",)


class Updates(SiteSitemap):
    def items(self) -> UpdateQuerySet:
        return Update.objects.public().only("slug", "updated_at")

    def lastmod(self, update: Update) -> datetime:
        return update.updated_at

"""Urgent actions' public pages in /sitemap.xml (declared in apps.py): the list, the archive
and every published action about a public record (open or closed), never a draft. The letter
writer and card pages are left to the visitor (robots.txt asks crawlers to leave them)."""

from datetime import datetime

from freethem.actions.models import UrgentAction
from freethem.actions.models.urgent import UrgentActionQuerySet
from freethem.core.sitemaps import PageSitemap, SiteSitemap
from freethem.prisoners.models import published


class UrgentPages(PageSitemap):
    url_names = ("urgent:list", "urgent:archive")


class UrgentActions(SiteSitemap):
    def items(self) -> UrgentActionQuerySet:
        actions = UrgentAction.objects.public().filter(published("prisoner__"))
        return actions.only("slug", "updated_at").order_by("pk")

    def lastmod(self, action: UrgentAction) -> datetime:
        return action.updated_at

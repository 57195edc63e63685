"""Fundraising drives' public pages in /sitemap.xml (declared in apps.py): the index, and each
published drive's page and report; never a draft."""

from django.urls import reverse

from freethem.actions.models import Drive
from freethem.actions.models.support import DriveQuerySet
from freethem.core.sitemaps import PageSitemap, SiteSitemap


class SupportPages(PageSitemap):
    url_names = ("support:index",)


class Drives(SiteSitemap):
    def items(self) -> DriveQuerySet:
        return Drive.objects.public().only("slug").order_by("pk")


class DriveReports(SiteSitemap):
    def items(self) -> DriveQuerySet:
        return Drive.objects.public().only("slug").order_by("pk")

    def location(self, drive: Drive) -> str:
        return reverse("support:report", args=[drive.slug])

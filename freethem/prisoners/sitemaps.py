"""The case database's public pages in /sitemap.xml (declared in apps.py): the list, the
figures and the profile of every published person, and of nobody else."""

from datetime import datetime

from freethem.core.sitemaps import PageSitemap, SiteSitemap
from freethem.prisoners.models import Person, PersonQuerySet


class PrisonerPages(PageSitemap):
    url_names = ("prisoners:list", "prisoners:stats")


class People(SiteSitemap):
    def items(self) -> PersonQuerySet:
        return Person.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, person: Person) -> datetime:
        return person.updated_at

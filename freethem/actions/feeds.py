"""Atom feeds of updates: every published update, and one prisoner's, in the request's
language. Entries' ids are tag: URIs made of the site's host, the update's id and the feed's
language, so they stay the same when a title or an address changes; links are absolute, from
FREETHEM_SITE_URL."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from freethem.actions.models import Update
from freethem.actions.models.updates import UpdateQuerySet
from freethem.prisoners.models import Person

ENTRIES = 30
SITE_NAME = "Free Them All"


def absolute(path: str) -> str:
    return settings.FREETHEM_SITE_URL.rstrip("/") + path


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def tag_uri(specific: str, day: str) -> str:
    """A tag: URI (RFC 4151) under the site's host, minted on `day` (YYYY-MM-DD)."""
    host = urlsplit(settings.FREETHEM_SITE_URL).hostname or "localhost"
    return f"tag:{host},{day}:{specific}"


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    author_name = SITE_NAME

    def title(self) -> str:
        return gettext("Free Them All: updates")

    def subtitle(self) -> str:
        return gettext("News, press releases, statements and letters from prison.")

    def link(self) -> str:
        return absolute(reverse("updates:list"))

    def feed_url(self) -> str:
        return absolute(reverse("updates:feed"))

    def feed_guid(self) -> str:
        return tag_uri(f"updates:{_language()}", "2026-01-01")

    def public(self) -> UpdateQuerySet:
        return Update.objects.public()

    def items(self, obj: object = None) -> list[Update]:
        return list(self.public().prefetch_related("prisoners")[:ENTRIES])

    def item_title(self, item: Update) -> str:
        return item.in_language("title")

    def item_description(self, item: Update) -> str:
        # Atom's <summary type="html">: readers take it as HTML, so staff text is escaped (and
        # its paragraphs kept), never passed on as markup.
        text = item.in_language("summary") or Truncator(item.in_language("body")).words(80)
        return linebreaks(text, autoescape=True)

    def item_link(self, item: Update) -> str:
        return absolute(item.get_absolute_url())

    def item_guid(self, item: Update) -> str:
        return tag_uri(f"update:{item.pk}:{_language()}", item.created_at.date().isoformat())

    item_guid_is_permalink = False

    def item_pubdate(self, item: Update) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Update) -> datetime:
        return max(item.updated_at, item.published_at or item.updated_at)

    def item_author_name(self, item: Update) -> str:
        return item.author or SITE_NAME

    def item_categories(self, item: Update) -> list[str]:
        return [str(item.get_kind_display())]


class PrisonerFeed(UpdatesFeed):
    """The updates of one published prisoner."""

    def get_object(self, request: HttpRequest, slug: str) -> Person:  # type: ignore[override]
        if len(slug) > 120:
            raise Http404
        return get_object_or_404(Person.objects.published(), slug=slug)

    def title(self, obj: Person) -> str:  # type: ignore[override]
        return gettext("Free Them All: updates on %(name)s") % {"name": obj.name}

    def subtitle(self, obj: Person) -> str:  # type: ignore[override]
        return gettext("News of %(name)s.") % {"name": obj.name}

    def link(self, obj: Person) -> str:  # type: ignore[override]
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Person) -> str:  # type: ignore[override]
        return absolute(reverse("prisoner_feed", args=[obj.slug]))

    def feed_guid(self, obj: Person) -> str:  # type: ignore[override]
        return tag_uri(f"prisoner:{obj.pk}:updates:{_language()}", "2026-01-01")

    def items(self, obj: Person) -> list[Update]:  # type: ignore[override]
        return list(self.public().filter(prisoners=obj)[:ENTRIES])

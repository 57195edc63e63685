"""The Atom feeds: every published update, and one prisoner's, valid (feedparser finds no
fault), in the request's language, with stable ids and absolute links, and exactly the right
entries: no draft, nothing published for later, no other prisoner's news."""

from datetime import timedelta

import feedparser
import pytest
from django.test import Client, override_settings
from django.utils import timezone

from freethem.actions.tests.factories import make_update
from freethem.actions.vocab import State
from freethem.prisoners.models import Publication
from freethem.prisoners.tests.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_site_url")]

SITE = "https://freethem.example.org"


@pytest.fixture
def _site_url() -> object:
    with override_settings(FREETHEM_SITE_URL=SITE):
        yield


def _parse(client: Client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_it_lists_every_published_update_and_nothing_else() -> None:
    client = Client()
    person = make_person()
    shown = [make_update(title_en="Released on bail", prisoners=(person,)), make_update()]
    make_update(title_en="A draft", state=State.DRAFT, published_at=None)
    make_update(title_en="Tomorrow", published_at=timezone.now() + timedelta(days=1))
    feed = _parse(client, "/updates/feed.atom")
    assert [entry.title for entry in feed.entries] == [update.title_en for update in shown]
    entry = feed.entries[0]
    assert entry.link == f"{SITE}/updates/{shown[0].slug}/"
    assert (
        entry.id
        == f"tag:freethem.example.org,{shown[0].created_at:%Y-%m-%d}:update:{shown[0].pk}:en"
    )
    assert entry.updated_parsed and entry.published_parsed
    assert entry.author == "Free Them All"
    assert feed.feed.link == f"{SITE}/updates/"
    assert feed.feed.language == "en"


def test_it_speaks_persian_under_fa() -> None:
    update = make_update(title_fa="آزادی با قرار وثیقه", author="نسرین ستوده")
    feed = _parse(Client(), "/fa/updates/feed.atom")
    (entry,) = feed.entries
    assert entry.title == "آزادی با قرار وثیقه"
    assert entry.author == "نسرین ستوده"
    assert entry.link == f"{SITE}/fa/updates/{update.slug}/"
    assert entry.id.endswith(f":update:{update.pk}:fa")
    assert feed.feed.language == "fa"


def test_it_gives_one_prisoner_their_own_updates_only() -> None:
    client = Client()
    person, other = make_person(), make_person()
    theirs = make_update(title_en="Their news", prisoners=(person, other))
    make_update(title_en="Someone else's", prisoners=(other,))
    make_update(title_en="Their draft", prisoners=(person,), state=State.DRAFT, published_at=None)
    make_update(
        title_en="Their future",
        prisoners=(person,),
        published_at=timezone.now() + timedelta(hours=1),
    )
    for prefix, title in (("", "Their news"), ("/fa", theirs.title_fa)):
        feed = _parse(client, f"{prefix}/prisoners/{person.slug}/feed.atom")
        assert [entry.title for entry in feed.entries] == [title]
        assert feed.feed.link == f"{SITE}{prefix}/prisoners/{person.slug}/"
        assert person.name_latin in feed.feed.title or person.name_fa in feed.feed.title


def test_it_knows_no_feed_of_an_unknown_or_unpublished_prisoner(client: Client) -> None:
    hidden = make_person(publication=Publication.DRAFT)
    make_update(prisoners=(hidden,))
    assert client.get(f"/prisoners/{hidden.slug}/feed.atom").status_code == 404
    assert client.get("/prisoners/nobody/feed.atom").status_code == 404
    assert client.get(f"/prisoners/{'x' * 200}/feed.atom").status_code == 404


def test_it_is_valid_when_empty(client: Client) -> None:
    person = make_person()
    assert _parse(client, "/updates/feed.atom").entries == []
    assert _parse(client, f"/prisoners/{person.slug}/feed.atom").entries == []


def test_it_passes_staff_text_on_as_text_not_markup(client: Client) -> None:
    make_update(summary_en="Bold <b>claims</b> & <script>alert(1)</script>\n\nSecond.")
    (entry,) = _parse(client, "/updates/feed.atom").entries
    assert "<script" not in entry.summary and "<b>" not in entry.summary
    assert "&lt;b&gt;claims&lt;/b&gt; &amp;" in entry.summary
    assert entry.summary.count("<p>") == 2

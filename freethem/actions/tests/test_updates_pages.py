"""Updates' public pages: the list (newest first, by kind, paginated), an update's page with
its links and its video as a placeholder that loads nothing from another site, and drafts and
updates published for later, which the public never sees."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from freethem.actions.models import UpdateMedia
from freethem.actions.tests.factories import make_update
from freethem.actions.vocab import MediaKind, State, UpdateKind
from freethem.appeals.tests.factories import make_appeal
from freethem.events.tests.factories import make_event
from freethem.prisoners.models import Publication
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_it_lists_published_updates_newest_first_with_their_prisoners(client: Client) -> None:
    person = make_person(name_latin="Narges Mohammadi", name_fa="نرگس محمدی")
    older = make_update(title_en="Older news", published_at=timezone.now() - timedelta(days=3))
    newer = make_update(
        title_en="Newer news",
        prisoners=(person,),
        summary_en="In short.",
        published_at=timezone.now() - timedelta(hours=1),
    )
    page = client.get("/updates/").content.decode()
    assert page.index(newer.title_en) < page.index(older.title_en)
    assert "In short." in page and "Narges Mohammadi" in page
    assert f'href="/prisoners/{person.slug}/"' in page
    assert 'type="application/atom+xml" href="/updates/feed.atom"' in page
    persian = client.get("/fa/updates/").content.decode()
    assert newer.title_fa in persian and "نرگس محمدی" in persian
    assert f'href="/fa/updates/{newer.slug}/"' in persian


def test_it_filters_by_kind_and_ignores_a_kind_it_does_not_know(client: Client) -> None:
    make_update(title_en="A letter", kind=UpdateKind.PRISON_LETTER)
    make_update(title_en="Some news", kind=UpdateKind.NEWS)
    letters = client.get("/updates/?kind=prison-letter").content.decode()
    assert "A letter" in letters and "Some news" not in letters
    assert 'href="?kind=prison-letter" aria-current="page"' in letters
    for odd in ("nonsense", "x" * 5000, "news\x00"):
        page = client.get("/updates/", {"kind": odd})
        assert page.status_code == 200
        assert "A letter" in page.content.decode() and "Some news" in page.content.decode()


def test_it_pages_the_list_and_keeps_the_kind(client: Client) -> None:
    for n in range(13):
        make_update(title_en=f"Statement number {n}", kind=UpdateKind.STATEMENT)
    first = client.get("/updates/?kind=statement").content.decode()
    assert 'href="?kind=statement&amp;page=2"' in first
    second = client.get("/updates/?kind=statement&page=2").content.decode()
    assert second.count('class="update-item"') == 1
    assert client.get("/updates/?page=99999999999").status_code == 200


def test_it_hides_drafts_and_updates_published_for_later(client: Client) -> None:
    draft = make_update(title_en="Draft news", state=State.DRAFT, published_at=None)
    later = make_update(title_en="Later news", published_at=timezone.now() + timedelta(days=1))
    page = client.get("/updates/").content.decode()
    assert "Draft news" not in page and "Later news" not in page
    for update in (draft, later):
        assert client.get(f"/updates/{update.slug}/").status_code == 404
        assert client.get(f"/fa/updates/{update.slug}/").status_code == 404
    assert client.get("/updates/no-such-update/").status_code == 404


def test_it_shows_an_update_with_its_author_and_what_it_concerns(client: Client) -> None:
    person = make_person(name_latin="Nasrin Sotoudeh")
    hidden = make_person(name_latin="Unpublished Person", publication=Publication.DRAFT)
    appeal = make_appeal()
    event = make_event()
    update = make_update(
        kind=UpdateKind.PRISON_LETTER,
        title_en="A letter from Evin",
        author="Nasrin Sotoudeh",
        body_en="First paragraph.\n\nSecond <script>alert(1)</script> see https://example.org/x",
        prisoners=(person, hidden),
    )
    update.appeals.set([appeal])
    update.events.set([event])
    page = client.get(f"/updates/{update.slug}/").content.decode()
    assert '<h1 dir="auto">A letter from Evin</h1>' in page
    assert "by <bdi>Nasrin Sotoudeh</bdi>" in page
    assert "<p>First paragraph.</p>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert '<a href="https://example.org/x" rel="nofollow">' in page
    assert f'href="/prisoners/{person.slug}/"' in page
    assert f'href="/prisoners/{person.slug}/feed.atom"' in page
    assert "Unpublished Person" not in page
    assert f'href="{appeal.get_absolute_url()}"' in page
    assert f'href="{event.get_absolute_url()}"' in page


class _Loads(HTMLParser):
    """Every address the page makes the browser fetch by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag in ("img", "script", "iframe", "audio", "video", "source", "embed", "object"):
            self.fetched += [v or "" for k, v in attrs if k in ("src", "srcset", "data", "poster")]
        if tag == "link" and found.get("rel") != "alternate":
            self.fetched.append(found.get("href") or "")


def test_it_shows_media_as_a_placeholder_that_loads_nothing_from_another_host(
    client: Client,
) -> None:
    update = make_update(title_en="Watch her speech")
    UpdateMedia.objects.create(
        update=update,
        kind=MediaKind.VIDEO,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title="Her speech in Oslo",
    )
    UpdateMedia.objects.create(
        update=update, kind=MediaKind.AUDIO, url="https://radio.example.net/a.mp3", title="Radio"
    )
    response = client.get(f"/updates/{update.slug}/")
    page = response.content.decode()
    assert "Her speech in Oslo" in page
    assert (
        'This video is on <bdi dir="ltr">youtube.com</bdi>. Opening it there lets that site see '
        "your visit." in page
    )
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert 'This recording is on <bdi dir="ltr">radio.example.net</bdi>' in page
    parser = _Loads()
    parser.feed(page)
    assert "iframe" not in parser.tags
    assert parser.fetched and all(re.match(r"^/(?!/)", url) for url in parser.fetched)
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "default-src 'none'" in policy
    # Pages without a player allow no frame at all.
    assert "frame-src" not in client.get("/updates/")["Content-Security-Policy"]


def test_it_names_the_host_in_persian_too(client: Client) -> None:
    update = make_update()
    UpdateMedia.objects.create(
        update=update, kind=MediaKind.VIDEO, url="https://vimeo.com/76979871", title="Film"
    )
    page = client.get(f"/fa/updates/{update.slug}/").content.decode()
    assert 'data-embed="https://player.vimeo.com/video/76979871?dnt=1"' in page
    assert "vimeo.com" in page and update.body_fa in page


def test_it_lists_public_updates_in_the_sitemap_and_keeps_robots_off_personal_links(
    client: Client,
) -> None:
    shown = make_update()
    draft = make_update(state=State.DRAFT, published_at=None)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/updates/{shown.slug}/</loc>" in sitemap and f"/fa/updates/{shown.slug}/" in sitemap
    assert draft.slug not in sitemap
    assert "Disallow: /updates/following/" in client.get("/robots.txt").content.decode()

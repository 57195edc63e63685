"""The front page: after the hero, the appeal to sign with its count and countries, prisoners
in the news, open urgent actions, upcoming events, the latest news and the action centre's
first steps; every item a link, every section gone when it has nothing, in both languages,
in a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freethem.actions.models import Update, UrgentAction
from freethem.actions.tests.factories import make_news_pick, make_update, make_urgent_action
from freethem.actions.vocab import State
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.events.tests.factories import make_event
from freethem.events.vocab import State as EventState
from freethem.prisoners.models import Person
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import PhotoVisibility, Publication

pytestmark = pytest.mark.django_db

SECTIONS = ("appeal-title", "news-title", "urgent-title", "events-title", "updates-title")


@pytest.fixture
def pages_on_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    """The urgent actions' and the updates' own pages (another part of the app makes them)."""
    monkeypatch.setattr(
        UrgentAction, "get_absolute_url", lambda self: f"/urgent-actions/{self.slug}/"
    )
    monkeypatch.setattr(Update, "get_absolute_url", lambda self: f"/updates/{self.slug}/")


def section(html: str, title_id: str) -> str:
    return html.split(f'aria-labelledby="{title_id}"', 1)[1].split("</section>", 1)[0]


def links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def a_full_front_page() -> None:
    appeal = make_appeal(slug="free-them-all", featured=True, goal=10)
    for number, country in enumerate(("DE", "FR", "DE"), start=1):
        signed(appeal, number, country=country)
    make_news_pick(prisoner=make_person(slug="narges", name_latin="Narges Mohammadi",
                                        name_fa="نرگس محمدی"), note_en="On hunger strike.",
                   note_fa="در اعتصاب غذا.")  # fmt: skip
    make_urgent_action(
        slug="stop-it", title_en="Stop the execution", title_fa="اعدام را متوقف کنید"
    )
    make_event(slug="vigil")
    make_update(slug="released", title_en="Released on bail", title_fa="با وثیقه آزاد شد")


@pytest.mark.usefixtures("pages_on_the_site")
def test_it_shows_every_section_with_links_in_english(client: Client) -> None:
    a_full_front_page()
    html = client.get("/").content.decode()
    positions = [html.index(f'id="{title}"') for title in (*SECTIONS, "steps-title")]
    assert positions == sorted(positions)  # in this order, after the hero
    assert html.index('id="hero-title"') < positions[0]

    appeal = section(html, "appeal-title")
    assert "<strong>3</strong> confirmed signatures · from 2 countries" in appeal
    assert '<a class="button" href="/appeals/free-them-all/#sign">Sign the appeal</a>' in appeal
    news = section(html, "news-title")
    assert '<a href="/prisoners/narges/">' in news and "Narges Mohammadi" in news
    assert "On hunger strike." in news
    assert 'class="front-photo placeholder"' in news  # no public photo
    assert '<a href="/urgent-actions/stop-it/">Stop the execution</a>' in section(
        html, "urgent-title"
    )
    events = section(html, "events-title")
    assert "/events/vigil/" in links(events) and "/events/" in links(events)
    assert '<a href="/updates/released/">Released on bail</a>' in section(html, "updates-title")
    steps = section(html, "steps-title")
    assert "/appeals/free-them-all/#sign" in links(steps) and "/act/" in links(steps)
    assert "3 people have signed" in steps
    # The first steps only: no "I did this" form on the front page.
    assert "<form" not in steps


@pytest.mark.usefixtures("pages_on_the_site")
def test_it_shows_every_section_in_persian(client: Client) -> None:
    a_full_front_page()
    html = client.get("/fa/").content.decode()
    for title in (*SECTIONS, "steps-title"):
        assert f'id="{title}"' in html
    assert "<strong>۳</strong>" in section(html, "appeal-title")
    assert "از ۲ کشور" in section(html, "appeal-title")
    assert '<a href="/fa/prisoners/narges/">' in html and "نرگس محمدی" in html
    assert "در اعتصاب غذا." in html
    assert '<a href="/urgent-actions/stop-it/">اعدام را متوقف کنید</a>' in html
    assert "/fa/events/vigil/" in links(section(html, "events-title"))
    assert "با وثیقه آزاد شد" in html
    assert "/fa/appeals/free-them-all/#sign" in links(section(html, "steps-title"))


def test_it_hides_the_sections_that_have_nothing_to_show(client: Client) -> None:
    make_appeal(slug="draft", state="draft")
    make_news_pick(shown=False)
    make_news_pick(prisoner=make_person(publication=Publication.REVIEW))
    make_urgent_action(state=State.DRAFT)
    make_urgent_action(
        issued_on=timezone.localdate() - timedelta(days=30),
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    make_event(slug="draft-vigil", state=EventState.DRAFT)
    make_event(slug="past-vigil", starts_in=-timedelta(days=3))
    make_update(state=State.DRAFT, published_at=None)
    for language in ("", "/fa"):
        html = client.get(f"{language}/").content.decode()
        for title in SECTIONS:
            assert f'id="{title}"' not in html, title
        # What you can do is always there (the staff's list of actions).
        assert 'id="steps-title"' in html


def test_it_shows_a_public_photo_of_a_prisoner_in_the_news(client: Client) -> None:
    person = make_person(slug="with-photo")
    Person.objects.filter(pk=person.pk).update(
        photo="prisoners/with-photo.jpg", photo_visibility=PhotoVisibility.PUBLIC
    )
    hidden = make_person(slug="photo-for-staff")
    Person.objects.filter(pk=hidden.pk).update(
        photo="prisoners/staff-only.jpg", photo_visibility=PhotoVisibility.STAFF
    )
    make_news_pick(prisoner=person, position=1)
    make_news_pick(prisoner=hidden, position=2)
    news = section(Client().get("/").content.decode(), "news-title")
    photo = re.search(r'<img class="front-photo" src="([^"]+)"', news)
    assert photo and photo.group(1).startswith("/prisoners/with-photo/")
    assert news.count('class="front-photo placeholder"') == 1
    assert "staff-only" not in news


@pytest.mark.usefixtures("pages_on_the_site")
def test_it_needs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: object
) -> None:
    a_full_front_page()
    for n in range(4):
        make_news_pick()
        make_urgent_action()
        make_event(slug=f"vigil-{n}")
        make_update()
    # A running site has read what every page shows (the demo banner's check, the appeal's
    # cached count) within the last few seconds: counted here is what the front page asks.
    client.get("/privacy/")
    client.get("/")
    with django_assert_max_num_queries(10):  # type: ignore[operator]
        html = client.get("/").content.decode()
    assert html.count('<li class="step"') == 4

"""Urgent actions' public pages: the open ones, the archive an expired one moves to, an
action's page with its officials, and the prisoner page's panel of open actions."""

from datetime import date, timedelta

import pytest
from django.test import Client

from freethem.actions.demo import urgent as demo
from freethem.actions.models import UrgentAction
from freethem.actions.tests.factories import make_urgent_action
from freethem.actions.vocab import State
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """A fixed "today" that a test may move: today[0] = another day."""
    day = [TODAY]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day[0])
    return day


def test_it_moves_an_expired_action_from_the_list_to_the_archive(
    client: Client, today: list[date]
) -> None:
    action = make_urgent_action(
        title_en="Stop the execution of Reza",
        issued_on=TODAY - timedelta(days=20),
        expires_on=TODAY,
        taken_count=1234,
    )
    listing = client.get("/urgent-actions/").content.decode()
    assert "Stop the execution of Reza" in listing
    assert "10 March 2026" in listing and "1,234 people took this action" in listing
    assert (
        "Stop the execution of Reza" not in client.get("/urgent-actions/archive/").content.decode()
    )

    today[0] = TODAY + timedelta(days=1)
    assert list(UrgentAction.objects.active()) == []
    assert "Stop the execution of Reza" not in client.get("/urgent-actions/").content.decode()
    archive = client.get("/urgent-actions/archive/").content.decode()
    assert "Stop the execution of Reza" in archive and "Closed on" in archive
    page = client.get(action.get_absolute_url()).content.decode()
    assert "This urgent action is closed." in page
    assert "I took this action" not in page and "/urgent-actions/archive/" in page


def test_it_pages_the_archive_and_refuses_odd_page_numbers(client: Client) -> None:
    for n in range(13):
        make_urgent_action(
            title_en=f"Old action {n}",
            issued_on=date(2025, 1, 1),
            expires_on=date(2025, 2, 1) + timedelta(days=n),
        )
    first = client.get("/urgent-actions/archive/").content.decode()
    assert "Old action 12" in first and "Old action 0" not in first
    assert "Old action 0" in client.get("/urgent-actions/archive/?page=2").content.decode()
    assert client.get("/urgent-actions/archive/?page=99999999999").status_code == 200


def test_it_shows_the_officials_demands_and_letters_of_an_action(client: Client) -> None:
    action = make_urgent_action(reference="UA 7/26")
    html = client.get(action.get_absolute_url()).content.decode()
    assert "UA 7/26" in html
    assert "Quash the death sentence." in html and "Release them now." in html
    assert "Head of the Judiciary of the Islamic Republic of Iran" in html
    assert "Office of the Head of the Judiciary, Tehran, Iran" in html
    assert 'href="mailto:info@example.org"' in html and "Dear Sir" in html
    assert "Embassy of Iran in the United Kingdom" in html and "16 Prince&#x27;s Gate" in html
    assert "A model letter is ready in: English, Persian." in html
    assert f'action="/urgent-actions/{action.slug}/take/"' in html

    persian = client.get(f"/fa{action.get_absolute_url()}").content.decode()
    assert "اعدام را متوقف کنید" in persian and "حکم اعدام را لغو کنید." in persian


def test_it_hides_drafts_and_actions_for_unpublished_records(client: Client) -> None:
    draft = make_urgent_action(state=State.DRAFT, title_en="Draft action")
    hidden = make_urgent_action(prisoner=make_person(publication=Publication.DRAFT))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/urgent-actions/{'x' * 81}/").status_code == 404
    assert "Draft action" not in client.get("/urgent-actions/").content.decode()


def test_it_lists_a_prisoners_open_actions_on_their_page(client: Client) -> None:
    person = make_person()
    assert "Urgent action" not in client.get(person.get_absolute_url()).content.decode()
    make_urgent_action(prisoner=person, title_en="Let her see a doctor")
    make_urgent_action(
        prisoner=person,
        title_en="An old one",
        expires_on=date(2025, 1, 1),
        issued_on=date(2024, 12, 1),
    )
    make_urgent_action(prisoner=person, title_en="Not yet", state=State.DRAFT)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Let her see a doctor" in html
    assert "An old one" not in html and "Not yet" not in html


def test_it_loads_the_demo_once() -> None:
    from freethem.prisoners.demo import load as load_prisoners

    load_prisoners()
    assert demo.load() == "Loaded 3 demo urgent actions."
    assert demo.load() == "Demo urgent actions already loaded."
    assert UrgentAction.objects.active().count() == 2
    assert UrgentAction.objects.archived().count() == 1
    for action in UrgentAction.objects.all():
        assert {letter.language for letter in action.letters.all()} == {"en", "fa"}
        assert all(o.email.endswith("@example.org") for o in action.officials.all())


def test_it_sends_closed_actions_letter_and_card_back_to_the_action(client: Client) -> None:
    closed = make_urgent_action(issued_on=date(2025, 1, 1), expires_on=date(2025, 2, 1))
    for page in ("letter", "card"):
        response = client.get(f"/urgent-actions/{closed.slug}/{page}/")
        assert response.status_code == 302 and response["Location"] == closed.get_absolute_url()


def test_it_lists_public_actions_in_the_sitemap_and_keeps_robots_off_the_forms(
    client: Client,
) -> None:
    action = make_urgent_action()
    draft = make_urgent_action(state=State.DRAFT)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/urgent-actions/{action.slug}/" in sitemap and "/urgent-actions/archive/" in sitemap
    assert f"/urgent-actions/{draft.slug}/" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /urgent-actions/*/letter/" in robots

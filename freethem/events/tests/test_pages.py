"""The events' public pages: the list (upcoming soonest first, then past with reports and
photos; cancelled marked, drafts never), an event's page, in both languages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freethem.events.models import EventText
from freethem.events.tests.factories import make_event
from freethem.events.vocab import Kind, State
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db


def html(client: Client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def test_it_lists_upcoming_events_soonest_first_then_past_ones(client: Client) -> None:
    make_event(slug="later", title="Later forum", starts_in=timedelta(days=20))
    make_event(slug="sooner", title="Sooner vigil", starts_in=timedelta(days=2))
    past = make_event(slug="gone", title="Last month's rally", starts_in=timedelta(days=-30))
    past.texts.filter(language="en").update(report="Three hundred people came.")
    page = html(client, "/events/")
    upcoming, _, past_section = page.partition('id="past-title"')
    assert upcoming.index("Sooner vigil") < upcoming.index("Later forum")
    assert (
        "Last month&#x27;s rally" in past_section and "Three hundred people came." in past_section
    )


def test_it_marks_cancelled_events_and_never_shows_drafts(client: Client) -> None:
    make_event(slug="called-off", title="Called-off vigil", state=State.CANCELLED)
    make_event(slug="secret-plan", title="Draft forum", state=State.DRAFT)
    page = html(client, "/events/")
    assert "Called-off vigil" in page and "Cancelled" in page
    assert "Draft forum" not in page
    html(client, "/events/secret-plan/", 404)
    html(client, "/fa/events/secret-plan/", 404)
    assert "This event is cancelled." in html(client, "/events/called-off/")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/events/called-off/" in sitemap and "secret-plan" not in sitemap


def test_it_shows_the_time_in_the_event_zone_with_the_zone_named(client: Client) -> None:
    start = timezone.now().replace(month=1, day=10, hour=17, minute=0, second=0, microsecond=0)
    start = start.replace(year=timezone.now().year + 1)
    make_event(slug="in-toronto", starts_at=start, time_zone="America/Toronto")
    page = html(client, "/events/in-toronto/")
    assert "12:00–14:00" in page  # 17:00 UTC is noon in Toronto in January
    assert "America/Toronto, EST" in page


def test_it_gives_the_jalali_date_in_persian(client: Client) -> None:
    start = timezone.now().replace(
        year=timezone.now().year + 1, month=3, day=21, hour=12, minute=0, second=0, microsecond=0
    )
    make_event(slug="nowruz", starts_at=start, time_zone="Europe/London")
    page = html(client, "/fa/events/nowruz/")
    assert "۱ فروردین" in page  # 21 March is the first of Farvardin
    assert "شب‌زنده‌داری برای زندانیان سیاسی ایران" in page
    assert "۱۲:۰۰" in page


def test_it_keeps_a_private_address_off_the_public_page(client: Client) -> None:
    make_event(
        slug="hidden-place",
        address="12 Secret Mews, London",
        venue="A friend's hall",
        online_url="https://meet.example.org/private-room",
        address_private=True,
    )
    for path in ("/events/hidden-place/", "/fa/events/hidden-place/", "/events/"):
        page = html(client, path)
        assert "Secret Mews" not in page and "friend" not in page
        assert "private-room" not in page
    page = html(client, "/events/hidden-place/")
    assert "London" in page and "The address is sent to those who RSVP." in page


def test_it_shows_a_public_address_and_link(client: Client) -> None:
    make_event(slug="open-place", online_url="https://meet.example.org/open-room")
    page = html(client, "/events/open-place/")
    assert "Trafalgar Square, London WC2N 5DN" in page and "open-room" in page


def test_it_falls_back_to_the_main_language_marked_as_such(client: Client) -> None:
    make_event(slug="english-only", title="Forum in English", title_fa="", kind=Kind.FORUM)
    page = html(client, "/fa/events/english-only/")
    assert '<h1 lang="en" dir="ltr">Forum in English</h1>' in page
    event = make_event(slug="persian-first", title="Persian first", language="fa")
    EventText.objects.filter(event=event, language="en").delete()
    page = html(client, "/events/persian-first/")
    assert 'lang="fa" dir="rtl"' in page


def test_it_shows_places_left_and_the_organiser_contact(client: Client) -> None:
    make_event(slug="small-room", capacity=40)
    page = html(client, "/events/small-room/")
    assert "40 places left of 40" in page
    assert "events@example.org" in page
    assert "/events/small-room.ics" in page
    assert "fa" in html(client, "/fa/events/small-room/")


def test_it_links_published_prisoners_only(client: Client) -> None:
    event = make_event(slug="for-them")
    shown = make_person(name_latin="Narges Mohammadi", name_fa="نرگس محمدی")
    hidden = make_person(name_latin="Unpublished Person", publication=Publication.DRAFT)
    event.prisoners.add(shown, hidden)
    page = html(client, "/events/for-them/")
    assert "Narges Mohammadi" in page and "Unpublished Person" not in page


def test_it_shows_past_events_photos_with_their_alt_text(
    client: Client, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    from freethem.events.tests.test_photos import add_photo

    event = make_event(slug="with-photos", starts_in=timedelta(days=-10))
    photo = add_photo(event, alt="Candles on the steps")
    page = html(client, "/events/with-photos/")
    assert f'src="/events/with-photos/photos/{photo.pk}"' in page
    assert 'alt="Candles on the steps"' in page
    response = client.get(f"/events/with-photos/photos/{photo.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    event.state = State.DRAFT
    event.save()
    assert client.get(f"/events/with-photos/photos/{photo.pk}").status_code == 404


def test_it_bounds_the_page_number_of_past_events(client: Client) -> None:
    for number in range(14):
        make_event(slug=f"past-{number}", starts_in=timedelta(days=-1 - number))
    assert "past-13" in html(client, "/events/?page=2")
    assert "past-0" in html(client, "/events/?page=" + "9" * 500)
    assert "past-0" in html(client, "/events/?page=abc")

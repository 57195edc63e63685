"""RSVP with name and email, double opt-in as appeal signatures: a pending RSVP kept encrypted,
a confirmation link by mail, a button (never a bare link) that confirms or cancels, the same
page and no flood of mail for a second RSVP with the same address, and closed events that
say so."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.db import connection
from django.test import Client

from freethem.events import services
from freethem.events.models import Rsvp
from freethem.events.services.rsvps import MAILS_PER_ADDRESS, rsvp_email_hash
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import deliver, make_rsvp, rsvp_link, rsvp_post
from freethem.events.vocab import RsvpState, State

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_the_form_on_its_own_page_with_the_event(client: Client) -> None:
    event = make_event()
    page = client.get(f"/events/{event.slug}/rsvp/").content.decode()
    assert "Vigil for Iran&#x27;s political prisoners" in page
    assert f'action="/events/{event.slug}/rsvp/"' in page and "csrfmiddlewaretoken" in page
    assert "Europe/London" in page
    persian = client.get(f"/fa/events/{event.slug}/rsvp/").content.decode()
    assert "شب‌زنده‌داری برای زندانیان سیاسی ایران" in persian


def test_it_stores_a_pending_rsvp_and_mails_a_confirmation_link(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    response = rsvp_post(client, event, name="  Ada   Lovelace ", email="Ada@Example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/rsvp/sent/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    rsvp = Rsvp.objects.get()
    assert (rsvp.state, rsvp.name, rsvp.language) == (RsvpState.PENDING, "Ada Lovelace", "en")
    assert rsvp.email_hash == rsvp_email_hash("ada@example.org")
    deliver()
    (message,) = mailoutbox
    assert message.to == ["Ada@Example.org"]
    assert "Please confirm your place" in message.subject
    assert rsvp_link(message) == f"/events/rsvp/{rsvp.link_key}/"
    assert f"/events/rsvp/{rsvp.link_key}/cancel/" in message.body
    assert "Ada Lovelace" not in message.body  # nothing the visitor typed goes into a mail
    assert "\u2068Vigil for Iran's political prisoners\u2069" in message.body


def test_it_mails_in_the_language_of_the_page(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    rsvp_post(client, event, language="fa")
    assert Rsvp.objects.get().language == "fa"
    deliver()
    (message,) = mailoutbox
    assert "شب‌زنده‌داری برای زندانیان سیاسی ایران" in message.subject
    assert "/fa/events/rsvp/" in message.body


def test_it_keeps_the_name_and_email_encrypted(client: Client) -> None:
    rsvp_post(client, make_event(), name="Findable Person", email="findable@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, email_hash FROM events_rsvp")
        row = repr(cursor.fetchall())
    assert "Findable" not in row and "findable@" not in row


def test_it_shows_the_same_page_for_a_second_rsvp_and_keeps_one(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    first = rsvp_post(client, event)
    second = rsvp_post(client, event, name="Someone Else", email="ADA@example.org")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    rsvp = Rsvp.objects.get()
    assert rsvp.name == "Ada Lovelace"  # a second RSVP changes nothing stored
    deliver()
    # The pending person gets the confirmation link again; it is still the one link.
    assert [rsvp_link(message) for message in mailoutbox] == [f"/events/rsvp/{rsvp.link_key}/"] * 2


def test_it_mails_one_address_a_few_times_an_hour_at_most(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    for _ in range(MAILS_PER_ADDRESS + 4):
        assert rsvp_post(client, event).status_code == 302
    deliver()
    assert len(mailoutbox) == MAILS_PER_ADDRESS
    assert Rsvp.objects.count() == 1


def test_it_mails_one_network_a_bounded_number_of_times(
    client: Client, mailoutbox: list[EmailMessage], monkeypatch: pytest.MonkeyPatch
) -> None:
    from freethem.events.services import rsvps

    monkeypatch.setattr(rsvps, "MAILS_PER_NETWORK", 2)
    monkeypatch.setattr(rsvps, "RSVPS_PER_NETWORK", 3)
    event = make_event()
    for number in range(5):
        assert rsvp_post(client, event, email=f"person{number}@example.org").status_code == 302
    deliver()
    assert len(mailoutbox) == 2
    assert Rsvp.objects.count() == 3  # past the network's limit, nothing is stored


def test_it_tells_a_second_rsvp_once_confirmed_where_it_stands(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    make_rsvp(event, email="ada@example.org")
    rsvp_post(client, event)
    deliver()
    (message,) = mailoutbox
    assert "You're going" in message.subject
    assert Rsvp.objects.get().state == RsvpState.GOING


def test_it_confirms_only_when_the_button_is_pressed(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    rsvp_post(client, event)
    deliver()
    link = rsvp_link(mailoutbox[0])
    page = client.get(link)  # what a mail scanner does
    assert page.status_code == 200 and "Yes, confirm my place" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    assert Rsvp.objects.get().state == RsvpState.PENDING
    response = client.post(link, {"action": "confirm"})
    assert response.status_code == 302 and response["Location"] == link
    rsvp = Rsvp.objects.get()
    assert rsvp.state == RsvpState.GOING and rsvp.confirmed_at is not None
    assert "You're going" in client.get(link).content.decode()
    deliver()
    assert "You're going" in mailoutbox[-1].subject
    assert client.post(link, {"action": "confirm"}).status_code == 302  # again: no change
    deliver()
    assert len(mailoutbox) == 2


def test_it_cancels_by_the_mailed_link_only_with_the_button(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    rsvp = make_rsvp(make_event())
    cancel = f"/events/rsvp/{rsvp.link_key}/cancel/"
    assert "Yes, cancel my place" in client.get(cancel).content.decode()
    assert Rsvp.objects.get().state == RsvpState.GOING
    client.post(cancel)
    rsvp.refresh_from_db()
    assert rsvp.state == RsvpState.CANCELLED and rsvp.cancelled_at is not None
    assert "Your RSVP is cancelled" in client.get(f"/events/rsvp/{rsvp.link_key}/").content.decode()


def test_it_lets_someone_who_cancelled_rsvp_again_with_a_new_link(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event()
    old = make_rsvp(event, state=RsvpState.CANCELLED)
    rsvp_post(client, event)
    rsvp = Rsvp.objects.get()
    assert rsvp.state == RsvpState.PENDING and rsvp.link_key != old.link_key
    assert client.get(f"/events/rsvp/{old.link_key}/").status_code == 404


def test_it_answers_404_for_an_unknown_or_oversized_key(client: Client) -> None:
    assert client.get("/events/rsvp/not-a-key/").status_code == 404
    assert client.post("/events/rsvp/not-a-key/", {"action": "cancel"}).status_code == 404
    assert client.get(f"/events/rsvp/{'x' * 5000}/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"state": State.CANCELLED}, "This event is cancelled: it takes no RSVPs."),
        ({"starts_in": timedelta(days=-1)}, "RSVPs are closed: this event has begun or is over."),
    ],
)
def test_it_refuses_rsvps_to_a_closed_event_with_a_message(
    client: Client, fields: dict, message: str
) -> None:
    event = make_event(**fields)
    assert message in client.get(f"/events/{event.slug}/rsvp/").content.decode()
    response = rsvp_post(client, event)
    assert response.status_code == 409 and message in response.content.decode()
    assert not Rsvp.objects.exists()
    with pytest.raises(services.RsvpClosed):
        services.rsvp_create(event=event, name="Ada", email="ada@example.org", language="en")


def test_it_hides_drafts(client: Client) -> None:
    event = make_event(state=State.DRAFT)
    assert client.get(f"/events/{event.slug}/rsvp/").status_code == 404
    assert rsvp_post(client, event).status_code == 404


def test_it_shows_each_problem_in_a_summary_and_keeps_what_was_typed(client: Client) -> None:
    event = make_event()
    response = rsvp_post(client, event, name="Ada\u202eLovelace", email="not an address")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page and "There is a problem" in page
    assert 'href="#id_name"' in page and 'href="#id_email"' in page
    assert 'value="not an address"' in page
    assert not Rsvp.objects.exists()
    too_long = rsvp_post(client, event, name="A" * 101)
    assert "Please shorten this to 100 characters" in too_long.content.decode()


def test_it_stores_nothing_from_a_bot_that_fills_the_trap(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    response = rsvp_post(client, make_event(), website="http://spam.example")
    assert response.status_code == 302
    assert not Rsvp.objects.exists()


def test_it_gives_the_private_address_only_to_those_with_a_place(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event(address_private=True, address="12 Secret Street", capacity=1)
    page = client.get(f"/events/{event.slug}/rsvp/").content.decode()
    assert "12 Secret Street" not in page
    make_rsvp(event, email="first@example.org")
    waiting = make_rsvp(event, email="second@example.org", state=RsvpState.PENDING)
    client.post(f"/events/rsvp/{waiting.link_key}/", {"action": "confirm"})
    waiting.refresh_from_db()
    assert waiting.state == RsvpState.WAITING
    assert (
        "12 Secret Street" not in client.get(f"/events/rsvp/{waiting.link_key}/").content.decode()
    )
    deliver()
    assert "12 Secret Street" not in mailoutbox[-1].body
    client.post(
        f"/events/rsvp/{Rsvp.objects.get(email_hash=rsvp_email_hash('first@example.org')).link_key}/cancel/"
    )
    deliver()
    promoted = mailoutbox[-1]
    assert promoted.to == ["second@example.org"] and "12 Secret Street" in promoted.body
    assert "12 Secret Street" in client.get(f"/events/rsvp/{waiting.link_key}/").content.decode()


def test_it_renders_the_snippet_with_only_the_event(rf) -> None:  # noqa: ANN001 - fixture
    from django.template.loader import render_to_string

    event = make_event(capacity=3)
    request = rf.get("/")
    html = render_to_string("events/_rsvp.html", {"event": event}, request=request)
    assert f'action="/events/{event.slug}/rsvp/"' in html and 'method="post"' in html
    assert "csrfmiddlewaretoken" in html and "3 places left." in html

"""Following a prisoner, with double opt-in: the form on the prisoner's page, a pending
follow kept encrypted, a confirmation link by mail, a button (never a bare link) that confirms
or stops, the same page whatever the address's history, and limits on the mail a visitor can
make us send."""

import re

import pytest
from django.core.mail import EmailMessage
from django.http import HttpResponse
from django.test import Client

from freethem.actions.models import Follow, Unsubscribe
from freethem.actions.services.follows import MAILS_PER_ADDRESS, followers_scope
from freethem.actions.subscriptions import address_hash
from freethem.actions.tests.factories import make_update
from freethem.actions.vocab import FollowState
from freethem.events.tests.rsvp_factories import deliver
from freethem.prisoners.models import Person, Publication
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://[^/\s]+(/(?:fa/)?updates/following/[A-Za-z0-9_-]+/)(?:\s|$)")


def _post(
    client: Client, person: Person, email: str = "ada@example.org", language: str = "", **extra: str
) -> HttpResponse:
    prefix = f"/{language}" if language else ""
    return client.post(f"{prefix}/updates/follow/{person.slug}/", {"email": email, **extra})


def _link(message: EmailMessage) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def test_it_shows_the_form_and_latest_updates_on_the_prisoners_page(client: Client) -> None:
    person = make_person(name_latin="Narges Mohammadi", name_fa="نرگس محمدی")
    for n in range(4):
        make_update(title_en=f"News {n}", prisoners=(person,))
    make_update(title_en="Not about her")
    page = client.get(f"/prisoners/{person.slug}/").content.decode()
    assert "Follow <bdi>Narges Mohammadi</bdi>: get an email when there is news" in page
    assert f'action="/updates/follow/{person.slug}/"' in page
    assert "News 0" in page and "News 2" in page and "News 3" not in page
    assert "Not about her" not in page
    assert f'href="/prisoners/{person.slug}/feed.atom"' in page
    persian = client.get(f"/fa/prisoners/{person.slug}/").content.decode()
    assert f'action="/fa/updates/follow/{person.slug}/"' in persian and "نرگس محمدی" in persian


def test_it_follows_only_once_the_address_is_confirmed_with_a_button(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    person = make_person(name_latin="Nasrin Sotoudeh")
    response = _post(client, person, email="Ada@Example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/updates/follow/{person.slug}/sent/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    follow = Follow.objects.get()
    assert (follow.state, follow.email, follow.language) == (
        FollowState.PENDING,
        "Ada@Example.org",
        "en",
    )
    assert follow.email_hash == address_hash("ada@example.org")
    deliver()
    (message,) = mailoutbox
    assert message.to == ["Ada@Example.org"]
    assert message.subject == "Please confirm: follow \u2068Nasrin Sotoudeh\u2069"
    link = _link(message)
    assert f"/updates/following/{follow.link_key}/stop/" in message.body
    page = client.get(link).content.decode()  # a mail scanner follows the link: nothing changes
    assert "Yes, email me the updates" in page
    assert Follow.objects.get().state == FollowState.PENDING
    assert client.post(link).status_code == 302
    follow.refresh_from_db()
    assert follow.state == FollowState.CONFIRMED and follow.confirmed_at
    assert "You follow <bdi>Nasrin Sotoudeh</bdi>" in client.get(link).content.decode()


def test_it_mails_in_the_language_of_the_page(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    person = make_person(name_fa="نسرین ستوده")
    _post(client, person, language="fa")
    assert Follow.objects.get().language == "fa"
    deliver()
    (message,) = mailoutbox
    assert "نسرین ستوده" in message.subject
    assert _link(message).startswith("/fa/updates/following/")


def test_it_tells_nobody_whether_an_address_follows_already(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    person = make_person()
    first = _post(client, person)
    Follow.objects.update(state=FollowState.CONFIRMED)
    again = _post(client, person, email=" ADA@example.org ")
    assert first["Location"] == again["Location"]
    assert Follow.objects.count() == 1
    deliver()
    assert len(mailoutbox) == 2
    assert "You follow \u2068" in mailoutbox[1].subject  # told only in their own mailbox


def test_it_stops_with_a_button_and_can_follow_again(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    person = make_person()
    _post(client, person)
    follow = Follow.objects.get()
    stop = f"/updates/following/{follow.link_key}/stop/"
    assert "Yes, stop" in client.get(stop).content.decode()
    assert Follow.objects.get().state == FollowState.PENDING
    client.post(stop)
    assert Follow.objects.get().state == FollowState.STOPPED
    assert "You stopped following" in client.get(stop).content.decode()
    _post(client, person)  # following again: pending, with a new link; the old one is dead
    again = Follow.objects.get()
    assert again.state == FollowState.PENDING and again.link_key != follow.link_key
    assert client.get(stop).status_code == 404


def test_it_lifts_an_earlier_unsubscribe_from_this_list_when_confirmed(client: Client) -> None:
    person = make_person()
    _post(client, person)
    follow = Follow.objects.get()
    Unsubscribe.objects.create(email_hash=follow.email_hash, scope=followers_scope(person))
    Unsubscribe.objects.create(email_hash=follow.email_hash, scope="all")
    client.post(f"/updates/following/{follow.link_key}/")
    assert list(Unsubscribe.objects.values_list("scope", flat=True)) == ["all"]


def test_it_shows_the_errors_and_keeps_what_was_typed(client: Client) -> None:
    person = make_person()
    response = _post(client, person, email="not an address")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is not an email address we can write to" in page
    assert 'value="not an address"' in page and 'aria-invalid="true"' in page
    too_long = _post(client, person, email="a" * 300 + "@example.org").content.decode()
    assert "Please shorten this to 254 characters" in too_long
    assert not Follow.objects.exists()


def test_it_stores_nothing_from_a_bot_and_shows_it_the_same_page(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    person = make_person()
    response = _post(client, person, website="https://spam.example")
    assert response["Location"] == f"/updates/follow/{person.slug}/sent/"
    assert not Follow.objects.exists()


def test_it_sends_an_address_only_a_few_mails_an_hour(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    people = [make_person() for _ in range(MAILS_PER_ADDRESS + 2)]
    for person in people:
        assert _post(client, person).status_code == 302
    assert Follow.objects.count() == len(people)
    deliver()
    assert len(mailoutbox) == MAILS_PER_ADDRESS


def test_it_sends_a_network_only_so_many_mails_an_hour(
    client: Client, mailoutbox: list[EmailMessage], monkeypatch: pytest.MonkeyPatch
) -> None:
    from freethem.actions.services import follows

    monkeypatch.setattr(follows, "MAILS_PER_NETWORK", 2)
    monkeypatch.setattr(follows, "FOLLOWS_PER_NETWORK", 3)
    person = make_person()
    for n in range(5):
        assert _post(client, person, email=f"person{n}@example.org").status_code == 302
    assert Follow.objects.count() == 3  # past the network's limit nothing more is stored
    deliver()
    assert len(mailoutbox) == 2


def test_it_knows_no_unpublished_prisoner_and_no_made_up_link(client: Client) -> None:
    hidden = make_person(publication=Publication.DRAFT)
    assert _post(client, hidden).status_code == 404
    assert client.get("/updates/following/made-up/").status_code == 404
    assert client.post(f"/updates/following/{'x' * 100}/stop/").status_code == 404
    assert not Follow.objects.exists()


def test_it_names_no_prisoner_unpublished_since(client: Client) -> None:
    person = make_person()
    _post(client, person)
    Person.objects.filter(pk=person.pk).update(publication=Publication.DRAFT)
    key = Follow.objects.get().link_key
    assert client.get(f"/updates/following/{key}/").status_code == 404
    assert client.get(f"/updates/following/{key}/stop/").status_code == 404

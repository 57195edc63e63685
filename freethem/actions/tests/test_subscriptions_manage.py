"""The page where a reader sees the lists their address is on (follows, appeals they asked for
news of, events they are going to), leaves one or all, and joins again; it shows no address,
and does only what the link's holder may."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from freethem.actions.models import Follow, Unsubscribe
from freethem.actions.services import mailings as mailing_services
from freethem.actions.subscriptions import address_hash, manage_url
from freethem.actions.tests.factories import make_follow, make_mailing
from freethem.actions.vocab import Audience, FollowState
from freethem.appeals.models import Signature
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import make_rsvp
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db

EMAIL = "Reader@Example.org"


def page(client: Client, language: str = "en") -> tuple[str, str]:
    path = urlsplit(manage_url(email=EMAIL, language=language)).path
    response = client.get(path)
    assert response.status_code == 200
    return path, response.content.decode()


@pytest.fixture
def lists() -> dict:
    prisoner = make_person(name_latin="Narges Mohammadi")
    make_follow(prisoner, email="reader@example.org")
    appeal = make_appeal(slug="news")
    signed(appeal, 1, email="reader@example.org", wants_updates=True)
    quiet = make_appeal(slug="quiet")
    signed(quiet, 1, email="reader@example.org", wants_updates=False)  # asked for no news
    event = make_event()
    make_rsvp(event, email="reader@example.org")
    make_follow(make_person(name_latin="Somebody Else"), email="other@example.org")
    return {"prisoner": prisoner, "appeal": appeal, "event": event}


def test_it_shows_the_lists_an_address_is_on_and_never_the_address(
    client: Client, lists: dict
) -> None:
    _path, html = page(client)
    assert "Narges Mohammadi" in html
    assert "Appeal news" in html
    assert "Vigil for Iran" in html
    assert "Appeal quiet" not in html  # never asked for news: on no list
    assert "Somebody Else" not in html
    assert "reader@example.org".lower() not in html.lower()
    assert html.count("You get this mail") == 3
    assert "Stop all mail from the campaign" in html
    _path, persian = page(client, "fa")
    assert '<html lang="fa"' in persian and "شب‌زنده‌داری" in persian


def test_it_leaves_and_joins_a_list_again(client: Client, lists: dict) -> None:
    path, _html = page(client)
    follow_scope = f"followers:{lists['prisoner'].pk}"
    appeal_scope = f"appeal:{lists['appeal'].pk}"
    event_scope = f"event:{lists['event'].pk}"
    for scope in (follow_scope, appeal_scope, event_scope):
        response = client.post(path, {"scope": scope, "action": "leave"})
        assert response.status_code == 302 and response["Location"] == path
    assert Follow.objects.get(prisoner=lists["prisoner"]).state == FollowState.STOPPED
    assert not Signature.objects.get(appeal=lists["appeal"]).wants_updates
    assert set(Unsubscribe.objects.values_list("scope", flat=True)) == {
        follow_scope,
        appeal_scope,
        event_scope,
    }
    _path, html = page(client)
    assert html.count("You left this list") == 3 and html.count("Join again") == 3
    mailing = make_mailing(audience=Audience.EVENT_RSVPS, event=lists["event"])
    assert mailing_services.mailing_reach(mailing) == 0

    for scope in (follow_scope, appeal_scope, event_scope):
        client.post(path, {"scope": scope, "action": "join"})
    assert Follow.objects.get(prisoner=lists["prisoner"]).state == FollowState.CONFIRMED
    assert Signature.objects.get(appeal=lists["appeal"]).wants_updates
    assert Unsubscribe.objects.count() == 0
    assert mailing_services.mailing_reach(mailing) == 1


def test_it_stops_all_mail_and_starts_it_again(client: Client, lists: dict) -> None:
    path, _html = page(client)
    client.post(path, {"scope": "all", "action": "leave"})
    hashed = address_hash(EMAIL)
    assert Unsubscribe.objects.filter(email_hash=hashed, scope="all").exists()
    assert Follow.objects.get(prisoner=lists["prisoner"]).state == FollowState.STOPPED
    _path, html = page(client)
    assert "You receive no mail from the campaign" in html
    for audience, field in (
        (Audience.APPEAL_SIGNERS, "appeal"),
        (Audience.FOLLOWERS, "prisoner"),
        (Audience.EVENT_RSVPS, "event"),
    ):
        mailing = make_mailing(audience=audience, **{field: lists[field]})
        assert mailing_services.mailing_reach(mailing) == 0

    client.post(path, {"scope": "all", "action": "join"})
    assert not Unsubscribe.objects.filter(scope="all").exists()
    _path, html = page(client)
    assert html.count("Join again") == 3  # each list is left until joined again


@pytest.mark.parametrize(
    "data",
    [
        {"scope": "followers:999999", "action": "join"},  # a list they were never on
        {"scope": "appeal:abc", "action": "leave"},
        {"scope": "all", "action": "delete"},
        {},
    ],
)
def test_it_refuses_what_the_holder_may_not_do(client: Client, lists: dict, data: dict) -> None:
    path, _html = page(client)
    response = client.post(path, data)
    assert response.status_code == 400
    assert Unsubscribe.objects.count() == 0


def test_it_does_not_put_anyone_on_a_list_of_someone_elses(client: Client, lists: dict) -> None:
    other = Follow.objects.get(email_hash=address_hash("other@example.org"))
    Follow.objects.filter(pk=other.pk).update(state=FollowState.STOPPED)
    path, _html = page(client)
    response = client.post(path, {"scope": f"followers:{other.prisoner_id}", "action": "join"})
    assert response.status_code == 400
    assert Follow.objects.get(pk=other.pk).state == FollowState.STOPPED


def test_it_answers_a_bad_link_with_a_clear_page(client: Client) -> None:
    response = client.get("/subscriptions/manage/not-a-token/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_it_forgets_a_list_left_when_its_reader_opts_in_again(lists: dict) -> None:
    from freethem.actions.services.subscriptions import subscription_opted_in

    scope = f"followers:{lists['prisoner'].pk}"
    Unsubscribe.objects.create(email_hash=address_hash(EMAIL), scope=scope)
    Unsubscribe.objects.create(email_hash=address_hash(EMAIL), scope="all")
    assert subscription_opted_in(email="reader@example.org", scope=scope) == 1
    assert list(Unsubscribe.objects.values_list("scope", flat=True)) == ["all"]

"""The one-click unsubscribe (RFC 8058) of every mail to a list: a POST from the reader's mail
program, without cookies, leaves the list (the next mailing skips them); opening the link only
shows a button; a damaged or forged link gets a clear page."""

from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client, override_settings
from django.utils import timezone

from freethem.actions.models import Follow, Mailing, Unsubscribe
from freethem.actions.services import mailings as services
from freethem.actions.subscriptions import SALT, address_hash, unsubscribe_url
from freethem.actions.tests.factories import make_follow, make_mailing
from freethem.actions.vocab import Audience, FollowState
from freethem.appeals.models import Signature
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.events.tests.rsvp_factories import deliver
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return urlsplit(url).path


def one_click(url: str) -> int:
    """The POST a mail program sends (RFC 8058): no cookies, no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path_of(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    return response.status_code


@pytest.mark.django_db(transaction=True)
def test_it_leaves_the_list_with_the_mails_one_click_header_and_the_next_mailing_skips_them(
    smtp_server: SMTPServer,
) -> None:
    appeal = make_appeal(slug="one-click")
    signed(appeal, 1, wants_updates=True)
    signed(appeal, 2, wants_updates=True)
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        deliver()
        smtp_server.messages.clear()
        for _round in range(2):
            mailing = make_mailing(audience=Audience.APPEAL_SIGNERS, appeal=appeal)
            Mailing.objects.filter(pk=mailing.pk).update(test_sent_at=timezone.now())
            mailing.refresh_from_db()
            services.mailing_start(mailing=mailing)
            deliver()
            if _round == 0:
                (to_s1,) = [m for m in smtp_server.messages if m["To"] == "s1@example.org"]
                header = "".join(str(to_s1["List-Unsubscribe"]).split())
                assert header.startswith("<http") and header.endswith(">")
                assert one_click(header.strip("<>")) == 200
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [
        "s1@example.org",
        "s2@example.org",
        "s2@example.org",
    ]
    assert Unsubscribe.objects.filter(
        email_hash=address_hash("s1@example.org"), scope=f"appeal:{appeal.pk}"
    ).exists()
    # The consent is turned off at its source too.
    assert not Signature.objects.get(
        email_hash__isnull=False, public_name__endswith="1"
    ).wants_updates


def test_it_never_unsubscribes_on_opening_the_link(client: Client) -> None:
    prisoner = make_person()
    make_follow(prisoner, email="reader@example.org")
    url = unsubscribe_url(email="reader@example.org", scope=f"followers:{prisoner.pk}")
    response = client.get(path_of(url))
    assert response.status_code == 200
    assert b'<form method="post"' in response.content
    assert "Leave this list" in response.content.decode()
    assert prisoner.name_latin in response.content.decode()
    assert Unsubscribe.objects.count() == 0
    assert Follow.objects.get().state == FollowState.CONFIRMED


def test_it_stops_a_follow_with_one_click(client: Client) -> None:
    prisoner = make_person()
    make_follow(prisoner, email="reader@example.org")
    other = make_follow(make_person(), email="reader@example.org")
    url = unsubscribe_url(email="reader@example.org", scope=f"followers:{prisoner.pk}")
    assert one_click(url) == 200
    assert one_click(url) == 200  # twice is fine
    states = dict(Follow.objects.values_list("prisoner_id", "state"))
    assert states == {prisoner.pk: FollowState.STOPPED, other.prisoner_id: FollowState.CONFIRMED}
    assert Unsubscribe.objects.get().scope == f"followers:{prisoner.pk}"


def test_it_confirms_in_the_readers_language_on_the_button(client: Client) -> None:
    appeal = make_appeal(slug="button")
    signed(appeal, 1, wants_updates=True, language="fa")
    url = unsubscribe_url(email="s1@example.org", scope=f"appeal:{appeal.pk}", language="fa")
    assert "/fa/subscriptions/" in url
    response = client.post(path_of(url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert '<html lang="fa"' in response.content.decode()
    assert "/fa/subscriptions/manage/" in response.content.decode()
    assert not Signature.objects.get().wants_updates
    assert "s1@example.org" not in response.content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "x" * 500,
        signing.dumps({"h": "0" * 64, "s": "all"}, salt="another-salt"),  # forged
        signing.dumps({"h": "0" * 64, "s": "appeal:not-a-number"}, salt=SALT),
        signing.dumps({"h": "0" * 64, "s": "appeal:999999"}, salt=SALT),  # no such appeal
    ],
)
@pytest.mark.parametrize("language", ["", "/fa"])
def test_it_answers_a_bad_link_with_a_clear_page(client: Client, token: str, language: str) -> None:
    for method in (client.get, client.post):
        response = method(f"{language}/subscriptions/unsubscribe/{token}/")
        assert response.status_code == 404
        text = response.content.decode()
        assert ("This link does not work" in text) == (language == "")
        assert ('<html lang="fa"' in text) == (language == "/fa")
    assert Unsubscribe.objects.count() == 0

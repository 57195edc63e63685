"""The action centre's counts move when actions are taken: a confirmed signature, an urgent
action taken, "I did this" (once per browser, a bounded number per network)."""

import re

import pytest
from django.core.cache import cache
from django.db.models import F
from django.test import Client
from django.urls import NoReverseMatch
from django.utils import timezone

from freethem.actions.models import (
    Action,
    Follow,
    Gift,
    Representative,
    UrgentAction,
    Volunteer,
)
from freethem.actions.services import centre
from freethem.actions.tests.factories import make_action, make_drive, make_urgent_action
from freethem.actions.vocab import FollowState, GiftSource, GiftState
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.events.models import Rsvp
from freethem.events.tests.factories import make_event
from freethem.events.vocab import RsvpState
from freethem.prisoners.tests.factories import make_person
from freethem.protests.models import ProtestReport

pytestmark = pytest.mark.django_db


def count_of(html: str, slug: str) -> str:
    """The words of one action's count on the page ("" without one)."""
    step = html.split(f'<li class="step" id="{slug}">', 1)[1].split("</li>", 1)[0]
    found = re.search(r'<span class="step-count">([^<]*)</span>', step)
    return found.group(1) if found else ""


def test_it_counts_a_confirmed_signature_of_the_appeal_to_sign(client: Client) -> None:
    appeal = make_appeal(slug="free-them-all", featured=True)
    signed(appeal, 1)
    assert count_of(client.get("/act/").content.decode(), "sign-the-appeal") == (
        "1 person has signed"
    )
    signed(appeal, 2, confirm=False)  # not counted until confirmed
    assert count_of(client.get("/act/").content.decode(), "sign-the-appeal") == (
        "1 person has signed"
    )
    signed(appeal, 3)
    html = client.get("/act/").content.decode()
    assert count_of(html, "sign-the-appeal") == "2 people have signed"
    assert 'href="/appeals/free-them-all/#sign"' in html
    persian = client.get("/fa/act/").content.decode()
    assert 'href="/fa/appeals/free-them-all/#sign"' in persian
    assert "۲" in count_of(persian, "sign-the-appeal")


@pytest.fixture
def every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page an action leads to is on the site (urgent actions, volunteering... are made
    by other parts of the app): each URL name resolves to /<name>/."""
    monkeypatch.setattr(centre, "_reverse", lambda name, query="": f"/{name}/?{query}".rstrip("?"))


@pytest.mark.usefixtures("every_page")
def test_it_sums_the_urgent_actions_taken(client: Client) -> None:
    """The letter's count is every urgent action's "I took this action" (counted by the urgent
    action's page, here bumped through the model). The centre keeps its counts a few seconds."""
    first, second = make_urgent_action(), make_urgent_action()
    UrgentAction.objects.filter(pk=first.pk).update(taken_count=F("taken_count") + 3)
    html = client.get("/act/").content.decode()
    assert count_of(html, "write-a-letter") == "3 letters written"
    assert 'href="/urgent:list/"' in html
    UrgentAction.objects.filter(pk=second.pk).update(taken_count=F("taken_count") + 2)
    cache.clear()  # a few seconds later
    assert count_of(client.get("/act/").content.decode(), "write-a-letter") == "5 letters written"


@pytest.mark.usefixtures("every_page")
def test_it_counts_what_each_kinds_page_counts(client: Client) -> None:
    event = make_event()
    for n, state in enumerate((RsvpState.GOING, RsvpState.GOING, RsvpState.PENDING)):
        Rsvp.objects.create(event=event, name="A", email="a@example.org", email_hash=f"h{n}",
                            state=state, link_key=f"k{n}")  # fmt: skip
    Representative.objects.create(country="DE", name="An MP", contacted_count=4)
    drive = make_drive()
    for n, state in enumerate((GiftState.CONFIRMED, GiftState.PENDING, GiftState.REFUNDED)):
        Gift.objects.create(drive=drive, source=GiftSource.OFFLINE, state=state, amount=10,
                            currency="USD", reference=f"g{n}")  # fmt: skip
    Volunteer.objects.create(name="V", email="v@example.org", email_hash="v1")
    ProtestReport.objects.create(date=timezone.localdate(), location="Tehran", description="A")
    prisoner = make_person()
    for n, state in enumerate((FollowState.CONFIRMED, FollowState.PENDING, FollowState.STOPPED)):
        Follow.objects.create(prisoner=prisoner, email_hash=f"f{n}", link_key=f"f{n}",
                              state=state)  # fmt: skip
    html = client.get("/act/").content.decode()
    assert count_of(html, "join-an-event") == "2 people are coming to events"
    assert count_of(html, "contact-your-representatives") == "4 messages sent to representatives"
    assert count_of(html, "support-the-campaign") == "1 gift so far"
    assert count_of(html, "volunteer") == "1 volunteer so far"
    assert count_of(html, "report-a-protest") == "1 protest reported"
    assert count_of(html, "follow-a-prisoner") == "1 person follows a prisoner"
    # Each button leads to its page: the open drive, volunteering for events, ...
    try:
        drive_url = drive.get_absolute_url()
    except NoReverseMatch:  # the fundraising pages are not on this site yet
        drive_url = "/support:index/"
    assert f'href="{drive_url}"' in html
    assert 'href="/volunteer:signup/?skill=events"' in html
    assert 'href="/representatives:index/"' in html


def test_it_counts_i_did_this_once_per_browser(client: Client) -> None:
    assert count_of(client.get("/act/").content.decode(), "share-the-appeal") == (
        "Be the first to do this."
    )
    response = client.post("/act/share-the-appeal/done")
    assert response.status_code == 302
    assert response["Location"] == "/act/#share-the-appeal"
    html = client.get("/act/").content.decode()
    assert count_of(html, "share-the-appeal") == "1 person has done this"
    assert "Thank you. You have been counted." in html
    # The same browser again: thanked, not counted; the button is gone.
    client.post("/act/share-the-appeal/done")
    html = client.get("/act/").content.decode()
    assert count_of(html, "share-the-appeal") == "1 person has done this"
    assert "You have already been counted for this one." in html
    assert 'action="/act/share-the-appeal/done"' not in html
    assert "You said you did this. Thank you." in html
    # Another browser is another person.
    Client().post("/fa/act/share-the-appeal/done")
    assert Action.objects.get(slug="share-the-appeal").done_count == 2


def test_it_bounds_what_one_network_can_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centre, "DONE_PER_NETWORK", 3)
    for _ in range(5):  # five new browsers on one network
        Client(REMOTE_ADDR="203.0.113.7").post("/act/share-the-appeal/done")
    Client(REMOTE_ADDR="203.0.113.99").post("/act/share-the-appeal/done")  # same /24
    assert Action.objects.get(slug="share-the-appeal").done_count == 3
    Client(REMOTE_ADDR="198.51.100.1").post("/act/share-the-appeal/done")
    assert Action.objects.get(slug="share-the-appeal").done_count == 4


def test_it_counts_only_actions_without_a_count_of_their_own(client: Client) -> None:
    assert client.post("/act/sign-the-appeal/done").status_code == 404
    assert client.get("/act/share-the-appeal/done").status_code == 405
    hidden = make_action(slug="hidden-link", published=False)
    assert client.post(f"/act/{hidden.slug}/done").status_code == 404
    assert Action.objects.get(slug="sign-the-appeal").done_count == 0
    assert Action.objects.get(slug="hidden-link").done_count == 0


@pytest.mark.parametrize("open_appeals", [0, 2])
def test_it_sends_signers_to_the_appeals_without_a_single_one_to_sign(
    client: Client, open_appeals: int
) -> None:
    """No appeal open, or several and none featured: the index of appeals, and no count."""
    make_appeal(slug="draft-one", state="draft")
    for number in range(open_appeals):
        signed(make_appeal(slug=f"open-{number}"), number + 1)
    html = client.get("/act/").content.decode()
    assert '<a class="button" href="/appeals/">Sign now' in html
    assert count_of(html, "sign-the-appeal") == ""

"""The appeal's public pages: the featured appeal, its text, count, goal, milestones,
notable signatories and the list of names; the printable advertisement; the demo appeal."""

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from freethem.appeals import demo, services
from freethem.appeals.defences import Checks, Verdict
from freethem.appeals.models import Appeal, Signature
from freethem.appeals.tests.factories import make_appeal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_start() -> None:
    """No count cached by an earlier test, and English for URLs reversed in tests (an
    earlier test's Persian request leaves Persian active in this thread)."""
    cache.clear()
    translation.activate("en")


def confirmed(appeal: Appeal, number: int, **fields: Any) -> Signature:
    values = {
        "name": f"Signer Number{number}",
        "email": f"s{number}@example.org",
        "country": "DE",
        "city": "",
        "affiliation": "",
        "display": "full",
        "wants_updates": False,
        "language": "en",
        "ip": "",
        "checks": Checks.decided(Verdict()),
        **fields,
    }
    signature = services.signature_create(appeal=appeal, **values)
    services.signature_confirm(signature=signature)
    return signature


def test_it_shows_the_featured_appeal_at_appeal(client: Client) -> None:
    make_appeal(slug="other")
    make_appeal(slug="featured-one", featured=True)
    html = client.get("/appeal/").content.decode()
    assert "<h1>Appeal featured-one</h1>" in html
    assert "درخواست featured-one" in client.get("/fa/appeal/").content.decode()


def test_it_says_so_when_no_appeal_is_featured(client: Client) -> None:
    make_appeal(state="draft", featured=True)
    html = client.get("/appeal/").content.decode()
    assert "No appeal is open just now" in html
    assert client.get("/appeals/free-them/").status_code == 404  # drafts are not public


def test_it_shows_text_count_countries_goal_and_milestones(client: Client) -> None:
    appeal = make_appeal(goal=10, milestones=[2, 5])
    for number, country in enumerate(["DE", "IR", "IR"]):
        confirmed(appeal, number, country=country)
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "<p>Free them.</p>" in html and "<p>All of them.</p>" in html
    assert '<strong class="confirmed">3</strong>' in html
    assert "from 2 countries" in html
    assert '<progress id="progress" max="10" value="3">' in html
    assert '<li class="reached">2 <span class="mark">reached</span></li>' in html
    assert "<li>5</li>" in html
    fa = client.get("/fa" + appeal.get_absolute_url()).content.decode()
    assert '<strong class="confirmed">۳</strong>' in fa


def test_it_lists_only_confirmed_shown_names_most_recent_first(client: Client) -> None:
    appeal = make_appeal()
    confirmed(appeal, 1)
    confirmed(appeal, 2, name="Hidden Signer", display="hidden")
    confirmed(appeal, 3, name="Suspect Signer", checks=Checks.decided(Verdict(suspect=True)))
    services.signature_create(
        appeal=appeal,
        name="Pending Signer",
        email="p@example.org",
        country="DE",
        city="",
        affiliation="",
        display="full",
        wants_updates=False,
        language="en",
        ip="",
        checks=Checks.decided(Verdict()),
    )
    later = confirmed(appeal, 4, name="Latest Signer")
    Signature.objects.filter(pk=later.pk).update(confirmed_at=timezone.now())
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert html.index("Latest Signer") < html.index("Signer Number1")
    for absent in ("Hidden Signer", "Suspect Signer", "Pending Signer"):
        assert absent not in html


def test_it_pages_the_names(client: Client) -> None:
    appeal = make_appeal()
    for number in range(105):
        confirmed(appeal, number)
    first = client.get(appeal.get_absolute_url()).content.decode()
    second = client.get(appeal.get_absolute_url() + "?page=2").content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Signer Number0<" in second and "Signer Number104<" not in second
    assert "Signer Number104<" in first


def test_it_shows_notable_signatories(client: Client) -> None:
    appeal = make_appeal()
    confirmed(appeal, 1, name="Noted Person", affiliation="Professor of Law")
    Signature.objects.update(notable=True)
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Notable signatories" in html
    assert "<bdi>Professor of Law</bdi>" in html


def test_it_prints_the_names_as_an_advertisement(client: Client) -> None:
    appeal = make_appeal()
    confirmed(appeal, 1, name="Zoe Zed")
    confirmed(appeal, 2, name="Abe Able")
    html = client.get(f"/appeals/{appeal.slug}/ad/").content.decode()
    assert "Signed by 2 people from 1 countries." in html
    assert html.index("Abe Able") < html.index("Zoe Zed")


def test_it_loads_the_demo_appeal_once(client: Client) -> None:
    call_command("loaddemo", stdout=io.StringIO())
    assert "already loaded" in demo.load()
    appeal = Appeal.objects.get(slug=demo.SLUG)
    assert appeal.featured and appeal.is_open
    html = client.get("/appeal/").content.decode()
    assert "Notable signatories" in html and "Demo Signer Amira Testwell" in html
    assert client.get(f"/appeals/{appeal.slug}/count.json").json()["confirmed"] == len(demo.SIGNERS)
    assert "زندانیان سیاسی" in client.get("/fa/appeal/").content.decode()

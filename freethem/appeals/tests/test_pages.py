"""The appeal's public pages: the featured appeal, its text, count, goal, milestones,
notable signatories and the list of names; the printable advertisement; the demo appeal."""

import io
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from freethem.appeals import demo, services
from freethem.appeals.defences import Checks, Verdict
from freethem.appeals.models import Appeal, Signature
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_start() -> None:
    """No count cached by an earlier test, and English for URLs reversed in tests (an
    earlier test's Persian request leaves Persian active in this thread)."""
    cache.clear()
    translation.activate("en")


def confirmed(appeal: Appeal, number: int, **fields: Any) -> Signature:
    return signed(appeal, number, **fields)


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
    assert 'role="progressbar" aria-labelledby="goal-label" aria-valuemin="0"' in html
    assert 'aria-valuemax="10" aria-valuenow="3" aria-valuetext="3 of 10 signatures"' in html
    assert (
        '<li class="reached"><span class="tick" aria-hidden="true">✓</span> 2 '
        '<span class="mark">reached</span></li>'
    ) in html
    assert '<li><span class="tick" aria-hidden="true"></span> 5</li>' in html
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
    # Shown once verified (test_notables has the rule in full): the flag alone shows nobody.
    appeal = make_appeal()
    signature = confirmed(appeal, 1, name="Noted Person", affiliation="Professor of Law")
    Signature.objects.update(notable=True)
    assert "Notable signatories" not in client.get(appeal.get_absolute_url()).content.decode()
    services.notable_mark(
        signature=signature,
        verified_by=staff_user(username="organiser1", role="organiser"),
        means="in-person",
        note="met at the conference",
        description_en="Professor of Law",
    )
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Notable signatories" in html
    assert "<bdi>Professor of Law</bdi>" in html


def test_it_prints_the_names_as_an_advertisement(client: Client) -> None:
    appeal = make_appeal()
    confirmed(appeal, 1, name="Zoe Zed")
    confirmed(appeal, 2, name="Abe Able")
    html = client.get(f"/appeals/{appeal.slug}/ad/").content.decode()
    assert "Signed by 2 people from 1 country." in html
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


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("en", 5000, "5,000"),
        ("en", 1234567, "1,234,567"),
        ("en", 999, "999"),
        ("fa", 5000, "۵٬۰۰۰"),
        ("fa", 1234567, "۱٬۲۳۴٬۵۶۷"),
        ("fa", 0, "۰"),
        ("fa", "a year", "a year"),
    ],
)
def test_it_groups_the_thousands_of_a_number_for_the_language(
    language: str, value: object, shown: str
) -> None:
    from freethem.core.templatetags.freethem import grouped

    with translation.override(language):
        assert grouped(value) == shown


def test_it_formats_the_count_and_goal_for_the_language(client: Client) -> None:
    appeal = make_appeal(goal=5000, milestones=[1000, 2500])
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Goal: 5,000 signatures" in html and "5000 signatures" not in html
    assert 'aria-valuetext="0 of 5,000 signatures"' in html
    fa = client.get("/fa" + appeal.get_absolute_url()).content.decode()
    assert "۵٬۰۰۰" in fa and "۲٬۵۰۰" in fa and "۵۰۰۰" not in fa


def test_it_draws_the_milestones_on_a_bar_toward_the_goal(client: Client) -> None:
    appeal = make_appeal(goal=10, milestones=[5, 2, 10])
    for number in range(3):
        confirmed(appeal, number)
    html = client.get(appeal.get_absolute_url()).content.decode()
    bar = html[html.index('<div class="progress"') : html.index("</svg>")]
    assert '<rect class="fill" x="0" y="6" width="30.00%"' in bar
    # A dot per milestone, in order, filled once reached; the goal's at the end.
    assert re.findall(r'<circle class="([^"]+)" cx="([^"]+)"', bar) == [
        ("milestone reached", "20.00%"),
        ("milestone", "50.00%"),
        ("milestone", "100.00%"),
    ]
    assert 'aria-hidden="true"' in bar  # the bar is drawn; its words are in the list
    assert re.findall(r'<li( class="reached")?><span class="tick"', html) == [
        ' class="reached"',
        "",
        "",
    ]
    assert '10 <span class="mark">the goal</span>' in html


def test_it_scales_the_bar_to_a_milestone_beyond_the_goal(client: Client) -> None:
    appeal = make_appeal(goal=100, milestones=[200])
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert '<circle class="milestone" cx="100.00%"' in html
    assert 'aria-valuemax="100" aria-valuenow="0"' in html


def test_it_offers_sign_now_at_the_top_and_puts_the_form_before_the_rest_of_the_text(
    client: Client,
) -> None:
    appeal = make_appeal()
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert '<p class="sign-now"><a href="#sign">Sign now</a></p>' in html
    assert '<section class="sign" id="sign"' in html
    order = [
        html.index("<h1>"),
        html.index('href="#sign"'),
        html.index("<p>Free them.</p>"),
        html.index('class="appeal-count"'),
        html.index('<form class="sign-form"'),
        html.index("<p>All of them.</p>"),
    ]
    assert order == sorted(order)


def test_it_offers_no_sign_now_when_signing_is_closed(client: Client) -> None:
    appeal = make_appeal(state="paused")
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert 'href="#sign"' not in html and "Signing is paused" in html


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_isolates_each_name_and_country_in_the_advertisement(
    client: Client, prefix: str
) -> None:
    appeal = make_appeal()
    confirmed(appeal, 1, name="Demo Signer Ola Nordmann", country="NO")
    confirmed(appeal, 2, name="سارا نمونه", country="CA")
    html = client.get(f"{prefix}/appeals/{appeal.slug}/ad/").content.decode()
    # The line runs in the name's direction; the code is isolated, its separator outside it.
    assert (
        '<li dir="auto"><span class="name">Demo Signer Ola Nordmann</span>'
        '<span class="where"><bdi>NO</bdi></span></li>'
    ) in html
    assert (
        '<li dir="auto"><span class="name">سارا نمونه</span>'
        '<span class="where"><bdi>CA</bdi></span></li>'
    ) in html


def test_it_isolates_each_part_of_a_name_on_the_list(client: Client) -> None:
    appeal = make_appeal()
    confirmed(appeal, 1, name="مریم آزمون", affiliation="روزنامه‌نگار", city="Berlin")
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert (
        '<li dir="auto"><span class="name">مریم آزمون</span>'
        '<span class="where"><bdi>روزنامه‌نگار</bdi></span>'
        '<span class="where"><bdi>Berlin</bdi></span>'
        '<span class="where"><bdi>Germany</bdi></span></li>'
    ) in html


def test_it_formats_the_advertisements_count_for_the_language(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    appeal = make_appeal()
    count = {"confirmed": 1234, "countries": {"DE": 1000, "IR": 234}}
    monkeypatch.setattr(services, "count_data", lambda appeal: count)
    html = client.get(f"/appeals/{appeal.slug}/ad/").content.decode()
    assert "Signed by 1,234 people from 2 countries." in html
    fa = client.get(f"/fa/appeals/{appeal.slug}/ad/").content.decode()
    assert "۱٬۲۳۴" in fa and "1234" not in fa

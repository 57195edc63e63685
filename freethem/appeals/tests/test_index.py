"""/appeals/: every public appeal, open ones first, each with its live count, goal and a way
to sign; drafts never."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freethem.appeals.models import Appeal, AppealState, CountShard
from freethem.appeals.tests.factories import make_appeal

pytestmark = pytest.mark.django_db


def counted(appeal: Appeal, number: int) -> Appeal:
    CountShard.objects.create(appeal=appeal, country="DE", shard=0, count=number)
    return appeal


def cards(html: str) -> list[str]:
    return html.split('<ul class="cards">', 1)[1].split("</ul>", 1)[0].split('<li class="card')[1:]


def titles(html: str) -> list[str]:
    return [re.search(r'<h2 dir="auto"><a [^>]*>(.*?)</a>', card).group(1) for card in cards(html)]


def test_it_lists_open_appeals_before_paused_and_closed_ones(client: Client) -> None:
    make_appeal(slug="closed-old", state=AppealState.CLOSED)
    make_appeal(slug="open-one")
    make_appeal(slug="paused-one", state=AppealState.PAUSED)
    make_appeal(slug="ended", closes_at=timezone.now() - timedelta(days=1))  # open, past its end
    make_appeal(slug="open-two")
    html = client.get("/appeals/").content.decode()
    # Open first, then paused, then closed; in each group the newest first.
    assert titles(html) == [
        "Appeal open-two",
        "Appeal open-one",
        "Appeal paused-one",
        "Appeal ended",
        "Appeal closed-old",
    ]


def test_it_never_lists_a_draft(client: Client) -> None:
    make_appeal(slug="draft-one", state=AppealState.DRAFT)
    make_appeal(slug="public-one")
    for path in ["/appeals/", "/fa/appeals/"]:
        html = client.get(path).content.decode()
        assert "draft-one" not in html
        assert "public-one" in html


def test_it_shows_each_appeals_count_goal_and_a_link_to_sign(client: Client) -> None:
    counted(make_appeal(slug="open-one", goal=5000), 1234)
    make_appeal(slug="closed-one", state=AppealState.CLOSED)
    html = client.get("/appeals/").content.decode()
    first, second = cards(html)
    assert "<strong>1,234</strong> signatures · Goal: 5,000" in first
    assert '<progress max="5000" value="1234"' in first
    assert "Open for signing" in first
    assert '<a class="button" href="/appeals/open-one/#sign">Sign<span' in first
    assert "Free them." in first  # the appeal's first paragraph
    assert "Closed" in second and "<strong>0</strong> signatures" in second
    assert '<a href="/appeals/closed-one/">Read the appeal' in second
    assert "/sign" not in second and 'class="button"' not in second


def test_it_lists_the_appeals_in_persian(client: Client) -> None:
    counted(make_appeal(slug="open-one", goal=5000), 1234)
    response = client.get("/fa/appeals/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "<h1>فراخوان‌ها</h1>" in html
    assert "درخواست open-one" in html and "آزادشان کنید." in html
    assert "۱٬۲۳۴" in html and "هدف: ۵٬۰۰۰" in html  # Persian digits and thousands sign
    assert 'href="/fa/appeals/open-one/#sign"' in html


def test_it_says_so_when_there_is_no_appeal(client: Client) -> None:
    make_appeal(slug="draft-one", state=AppealState.DRAFT)
    html = client.get("/appeals/").content.decode()
    assert "There is no appeal to sign at the moment." in html
    assert 'class="cards"' not in html


def test_the_header_marks_the_appeal_section_current(client: Client) -> None:
    html = client.get("/appeals/").content.decode()
    assert '<a href="/appeal/" aria-current="page">Appeal</a>' in html

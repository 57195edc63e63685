"""The home page's "Sign the appeal" line links to the appeal to sign, with its live count;
to the index of appeals when there is no single one to sign."""

import re

import pytest
from django.test import Client

from freethem.appeals.models import Appeal, AppealState, CountShard
from freethem.appeals.tests.factories import make_appeal

pytestmark = pytest.mark.django_db


def sign_line(html: str) -> str:
    todo = html.split('<ol class="todo">', 1)[1].split("</ol>", 1)[0]
    return next(line for line in todo.split("<li>") if "appeal" in line or "فراخوان" in line)


def counted(appeal: Appeal, number: int) -> Appeal:
    CountShard.objects.create(appeal=appeal, country="DE", shard=0, count=number)
    return appeal


def test_it_links_to_the_featured_appeal_with_its_count(client: Client) -> None:
    make_appeal(slug="other")
    counted(make_appeal(slug="featured-one", featured=True), 1234)
    line = sign_line(client.get("/").content.decode())
    assert '<a href="/appeals/featured-one/">Sign the appeal' in line
    assert '<span class="todo-note">1,234 people have signed so far.</span>' in line


def test_it_gives_the_count_in_persian(client: Client) -> None:
    counted(make_appeal(slug="only-one"), 1234)
    line = sign_line(client.get("/fa/").content.decode())
    assert '<a href="/fa/appeals/only-one/">' in line
    assert "تاکنون ۱٬۲۳۴ نفر امضا کرده‌اند." in line


def test_it_links_to_the_only_open_appeal(client: Client) -> None:
    make_appeal(slug="closed-one", state=AppealState.CLOSED, featured=True)
    make_appeal(slug="only-one")
    line = sign_line(client.get("/").content.decode())
    assert '<a href="/appeals/only-one/">' in line
    assert "Be among the first to sign." in line


@pytest.mark.parametrize("open_appeals", [0, 2])
def test_it_links_to_the_index_without_a_single_appeal_to_sign(
    client: Client, open_appeals: int
) -> None:
    make_appeal(slug="draft-one", state=AppealState.DRAFT)
    for number in range(open_appeals):
        counted(make_appeal(slug=f"open-{number}"), 10)
    line = sign_line(client.get("/").content.decode())
    assert re.search(r'<a href="/appeals/">Sign the appeal[^<]*</a></li>', line)
    assert "todo-note" not in line

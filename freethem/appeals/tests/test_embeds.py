"""The embeds: an SVG badge of the count and goal, and the counter page, the one page of the
site that other sites may frame. Every other page still refuses framing."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import Client

from freethem.appeals import services
from freethem.appeals.models import Appeal, AppealState
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.testing.pages import public_paths

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def appeal_with_signatures(count: int = 3, goal: int = 5000) -> Appeal:
    appeal = make_appeal(goal=goal)
    for n in range(count):
        make_signature(appeal, email=f"s{n}@example.org")
    return appeal


def badge_text(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own response; well-formed XML
    return " ".join(text.text or "" for text in root.iter(f"{SVG}text"))


def test_it_draws_the_badge_with_the_count_and_goal_in_each_language(client: Client) -> None:
    appeal = appeal_with_signatures(3)
    assert badge_text(client, f"/appeals/{appeal.slug}/badge.svg") == "Signatures 3 of 5,000"
    persian = badge_text(client, f"/fa/appeals/{appeal.slug}/badge.svg")
    assert "۳" in persian and "۵٬۰۰۰" in persian and "3" not in persian


def test_it_lets_the_badge_be_cached_briefly_and_loads_no_font(client: Client) -> None:
    appeal = appeal_with_signatures(1)
    response = client.get(f"/appeals/{appeal.slug}/badge.svg")
    assert response["Cache-Control"] == "public, max-age=60"
    svg = response.content.decode()
    assert "font-family=" in svg and "@font-face" not in svg and "url(" not in svg
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "Set-Cookie" not in response
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"  # other sites may show it


def test_it_shows_the_counter_with_count_goal_and_a_link_out_of_the_frame(client: Client) -> None:
    appeal = appeal_with_signatures(2, goal=10)
    response = client.get(f"/fa/appeals/{appeal.slug}/counter/")
    html = response.content.decode()
    assert "<strong>۲</strong>" in html
    assert 'aria-valuenow="2"' in html and 'width="20.00%"' in html
    assert 'target="_blank" rel="noopener"' in html
    assert f'href="{settings.FREETHEM_SITE_URL}/fa/appeals/{appeal.slug}/"' in html
    assert "<form" not in html and "csrfmiddlewaretoken" not in html


def test_it_shows_no_embed_of_a_draft_but_one_of_a_closed_appeal(client: Client) -> None:
    closed = make_appeal(slug="closed", state=AppealState.CLOSED)
    assert client.get(f"/appeals/{closed.slug}/counter/").status_code == 200
    appeal = make_appeal(state=AppealState.DRAFT)
    assert client.get(f"/appeals/{appeal.slug}/counter/").status_code == 404
    assert client.get(f"/appeals/{appeal.slug}/badge.svg").status_code == 404


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_lets_any_site_frame_the_counter(client: Client, prefix: str) -> None:
    appeal = appeal_with_signatures(1)
    response = client.get(f"{prefix}/appeals/{appeal.slug}/counter/")
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    # The rest of the policy stays: no script from anywhere else, no inline style.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def appeal_pages(appeal: Appeal, personal: str) -> list[str]:
    slug = appeal.slug
    pages = [
        f"/appeals/{slug}/",
        f"/appeals/{slug}/?via=abc",
        f"/appeals/{slug}/sent/",
        f"/appeals/{slug}/ad/",
        f"/appeals/{slug}/badge.svg",
        f"/appeals/{slug}/count.json",
        f"/appeals/{slug}/counter/x/",  # 404: not the counter
        personal,
        "/staff/login/",
    ]
    return pages + [f"/fa{page}" for page in pages if not page.startswith("/staff")]


def test_it_refuses_framing_of_every_other_page(client: Client) -> None:
    appeal = appeal_with_signatures(1)
    signature = appeal.signatures.get()
    token = services.personal_token(signature)
    personal = f"/appeals/{appeal.slug}/you/{token}/"
    for path in [*appeal_pages(appeal, personal), *public_paths()]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path
        assert response["X-Frame-Options"] == "DENY", path

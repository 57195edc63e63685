"""/protests/<event_id>/: one published record with its public fields, sources, groups,
claims, published prisoners, wave and a small map; merged records redirect to the record that
absorbed them; drafts and records in review are not found."""

import datetime
import re

import pytest
from django.test import Client

from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import Publication
from freethem.protests.models import ProtestSource, Wave
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import State

pytestmark = pytest.mark.django_db


def get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_public_fields(client: Client) -> None:
    wave = Wave.objects.create(code="retirees-sunday", name_en="Retirees' Sundays")
    protest = make_protest(
        groups=("retirees", "women"),
        sources=(),
        claims="for pensions indexed to inflation\nagainst the pension fund's board",
        size_low=300,
        size_high=500,
        size_text="hundreds of retirees",
        arrests=4,
        wave=wave,
        admin2="Tehran County",
        assoc_actor_1="Retirees (Iran)",
    )
    ProtestSource.objects.create(
        protest=protest, name="HRANA", url="https://www.hra-news.org/x", scale="National"
    )
    ProtestSource.objects.create(protest=protest, name="Telegram channel", url="javascript:x")
    html = get(client, protest.get_absolute_url())
    for text in (
        "Protest in",
        "Tehran County",
        "Retirees",
        "Women",
        "for pensions indexed to inflation",
        "against the pension fund&#x27;s board",
        "300–500",
        "hundreds of retirees",
        "Retirees&#x27; Sundays",
        "Retirees (Iran)",
        protest.event_id,
        "Retirees gathered outside the pension fund.",
    ):
        assert text in html, text
    assert 'href="https://www.hra-news.org/x"' in html
    assert "javascript:x" not in html  # not a web address: named, not linked
    assert "Telegram channel" in html
    assert 'href="/protests/?wave=retirees-sunday"' in html
    assert 'href="/protests/?group=retirees"' in html


def test_it_links_published_prisoners_only(client: Client) -> None:
    shown = make_person(name_latin="Reza Shahabi", slug="reza-shahabi")
    hidden = make_person(name_latin="Hidden Person", publication=Publication.DRAFT)
    protest = make_protest()
    protest.prisoners.set([shown, hidden])
    html = get(client, protest.get_absolute_url())
    assert 'href="/prisoners/reza-shahabi/"' in html
    assert "Hidden Person" not in html


@pytest.mark.parametrize("state", [State.DRAFT, State.REVIEW, State.ARCHIVED])
def test_it_does_not_show_unpublished_records(client: Client, state: str) -> None:
    protest = make_protest(state=state)
    assert client.get(protest.get_absolute_url()).status_code == 404
    assert client.get(f"/fa/protests/{protest.event_id}/").status_code == 404


def test_it_redirects_a_merged_record_to_the_one_that_absorbed_it(client: Client) -> None:
    kept = make_protest()
    middle = make_protest(state=State.ARCHIVED, merged_into=kept)
    merged = make_protest(state=State.ARCHIVED, merged_into=middle)
    response = client.get(f"/protests/{merged.event_id}/")
    assert response.status_code == 301
    assert response["Location"] == f"/protests/{kept.event_id}/"
    persian = client.get(f"/fa/protests/{merged.event_id}/")
    assert persian["Location"] == f"/fa/protests/{kept.event_id}/"


def test_it_does_not_redirect_to_an_unpublished_record(client: Client) -> None:
    draft = make_protest(state=State.DRAFT)
    merged = make_protest(state=State.ARCHIVED, merged_into=draft)
    assert client.get(merged.get_absolute_url()).status_code == 404


def test_it_shows_no_coordinates_finer_than_the_town(client: Client) -> None:
    protest = make_protest(latitude="35.68923", longitude="51.38971")
    html = get(client, protest.get_absolute_url())
    for fine in ("35.689", "51.389", "35.68", "51.38", "35.69", "51.39"):
        assert fine not in html
    assert re.search(r"<circle [^>]*>", html)  # the town is on the map, as a dot


def test_it_draws_a_record_abroad_on_the_world_map(client: Client) -> None:
    protest = make_protest(
        country="GB", province="", location="London", latitude="51.50735", longitude="-0.12776"
    )
    html = get(client, protest.get_absolute_url())
    assert "Solidarity abroad" in html and "United Kingdom" in html
    assert html.count("<circle") == 1


def test_it_reads_in_persian(client: Client) -> None:
    protest = make_protest(date=datetime.date(2026, 10, 1), notes_fa="بازنشستگان تجمع کردند.")
    html = get(client, f"/fa/protests/{protest.event_id}/")
    assert "۹ مهر ۱۴۰۵" in html
    assert "بازنشستگان تجمع کردند." in html
    assert '<html lang="fa" dir="rtl"' in html


@pytest.mark.parametrize("path", ["/protests/FTIRN0000/", "/protests/..%2f/", "/protests/%00/"])
def test_it_does_not_find_what_is_not_there(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404

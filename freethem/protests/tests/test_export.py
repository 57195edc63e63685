"""The ACLED-format export: ACLED's columns in ACLED's order then ours, published records only
with coordinates no finer than the town, and an ACLED file round-trips column for column."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from freethem.prisoners.tests.factories import make_person
from freethem.protests.exchange import ACLED_COLUMNS, COLUMNS, export_lines, import_acled
from freethem.protests.models import Protest
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import State

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "acled_iran.csv"


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def public_file(client: Client) -> str:
    response = client.get(reverse("protests:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def test_it_writes_acleds_columns_in_acleds_order_then_ours(client: Client) -> None:
    make_protest()
    header = next(csv.reader(io.StringIO(public_file(client))))
    assert header[:31] == list(ACLED_COLUMNS)
    assert header[:5] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type"]
    assert all(column.startswith("x_") for column in header[31:])
    assert header == list(COLUMNS)


def test_it_exports_published_records_only_with_town_coordinates(client: Client) -> None:
    published = make_protest(latitude="35.68920", longitude="51.38900", province="IR-23")
    make_protest(state=State.REVIEW, event_id="FTIRN900")
    make_protest(state=State.DRAFT, event_id="FTIRN901")
    make_protest(event_id="FTIRN902", merged_into=published, state=State.ARCHIVED)
    rows = table(public_file(client))
    assert [row["event_id_cnty"] for row in rows] == [published.event_id]
    row = rows[0]
    assert (row["latitude"], row["longitude"]) == ("35.7", "51.4")
    assert (row["admin1"], row["country"], row["iso"]) == ("Tehran", "Iran", "364")
    assert row["x_scope"] == "inside"
    assert row["x_state"] == "published"


def test_it_names_only_published_prisoners(client: Client) -> None:
    protest = make_protest()
    protest.prisoners.set(
        [make_person(slug="public-one"), make_person(slug="hidden-one", publication="draft")]
    )
    assert table(public_file(client))[0]["x_prisoners"] == "public-one"


def test_it_guards_text_against_formulas_but_not_negative_numbers(client: Client) -> None:
    make_protest(
        country="US",
        province="",
        region="North America",
        admin1="California",
        location="Los Angeles",
        latitude="34.05610",
        longitude="-118.42980",
        notes='=HYPERLINK("http://evil.example")',
    )
    row = table(public_file(client))[0]
    assert row["notes"].startswith("'=")
    assert row["longitude"] == "-118.4"
    assert (row["country"], row["iso"], row["x_scope"]) == ("United States", "840", "abroad")


def test_it_round_trips_an_acled_file_column_for_column() -> None:
    original = SAMPLE.read_text(encoding="utf-8")
    result = import_acled(original.encode(), default_state=State.PUBLISHED)
    assert result.ok, result.error_lines()
    assert result.created == 7
    exported = table("".join(export_lines(Protest.objects.all(), public=False)))
    by_id = {row["event_id_cnty"]: row for row in exported}
    rows = table(original)
    assert sorted(by_id) == sorted(row["event_id_cnty"] for row in rows)
    for row in rows:
        event = row["event_id_cnty"]
        for column in ACLED_COLUMNS:
            assert by_id[event][column] == row[column], (event, column)


def test_it_round_trips_its_own_export_with_our_columns() -> None:
    assert import_acled(SAMPLE.read_bytes(), default_state=State.PUBLISHED).ok
    protest = Protest.objects.get(event_id="IRN9001")
    protest.size_low, protest.size_high, protest.size_text = 250, 300, "around 300"
    protest.claims = "for higher pensions\nagainst rising prices"
    protest.arrests, protest.notes_fa = 3, "بازنشستگان مقابل مجلس تجمع کردند."
    protest.save()
    protest.groups.set(protest.groups.model.objects.filter(slug__in=["retirees", "workers"]))
    protest.sources.update(url="https://example.org/report")
    first = "".join(export_lines(Protest.objects.all(), public=False))
    again = import_acled(first.encode())
    assert again.ok, again.error_lines()
    assert (again.created, again.updated) == (0, 7)
    assert Protest.objects.count() == 7
    assert "".join(export_lines(Protest.objects.all(), public=False)) == first
    assert Protest.objects.get(event_id="IRN9001").latitude == Decimal("35.68920")


def test_it_limits_downloads_per_address(client: Client) -> None:
    from freethem.protests.views import exchange

    for _ in range(exchange.EXPORTS_PER_HOUR):
        assert client.get(reverse("protests:export")).status_code == 200
    response = client.get(reverse("protests:export"))
    assert response.status_code == 429
    assert "Too many downloads" in response.content.decode()

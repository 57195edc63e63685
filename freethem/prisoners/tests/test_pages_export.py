"""/prisoners/export.csv and /prisoners/export.json: published records, public fields only."""

import datetime
import json

import pytest
from django.test import Client

from freethem.prisoners.tests.factories import make_case, make_person
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> None:
    make_case(
        make_person(slug="shown", name_latin="Shown Person", name_fa="شخص پیدا"),
        arrested_on=datetime.date(2020, 1, 2),
    )
    make_person(slug="hidden", name_latin="Hidden Person", publication=Publication.DRAFT)


def test_it_downloads_published_records_as_csv(client: Client, people: None) -> None:
    response = client.get("/prisoners/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename=prisoners.csv"
    text = response.content.decode("utf-8-sig")
    assert "Shown Person" in text
    assert "شخص پیدا" in text
    assert "Hidden Person" not in text


def test_it_gives_published_records_as_json(client: Client, people: None) -> None:
    response = client.get("/fa/prisoners/export.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert set(data) == {"prisoners", "generated"}
    assert datetime.datetime.fromisoformat(data["generated"]).tzinfo is not None
    text = json.dumps(data["prisoners"], ensure_ascii=False)
    assert "Shown Person" in text
    assert "شخص پیدا" in text
    assert "Hidden Person" not in text
    assert len(data["prisoners"]) == 1

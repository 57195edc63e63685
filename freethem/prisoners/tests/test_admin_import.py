"""Import and the staff export in the staff area: every error by row and column, nothing
imported from a file with errors, and the private fields in the staff export only."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from freethem.prisoners.models import Person
from freethem.prisoners.tests.factories import make_case, make_person
from freethem.prisoners.tests.test_admin_support import PEOPLE, signed_in
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db


def post_file(client: Client, name: str, content: str | bytes, **fields: str) -> object:
    upload = SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
    return client.post(f"{PEOPLE}import/", {"file": upload, **fields})


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_it_has_an_import_button_on_the_list_for_those_who_may_import(client: Client) -> None:
    signed_in(client)
    listing = client.get(PEOPLE).content.decode()
    assert f'href="{PEOPLE}import/"' in listing
    assert f'href="{PEOPLE}export/csv/?' in listing
    assert client.get(f"{PEOPLE}import/").status_code == 200


def test_it_imports_a_clean_csv_file(client: Client) -> None:
    signed_in(client)
    content = csv_text(
        [
            ["record", "person", "case", "name_fa", "name_latin", "arrested_on", "publication"],
            ["person", "reza-khandan", "", "رضا خندان", "Reza Khandan", "", "draft"],
            ["case", "reza-khandan", "1", "", "", "آبان ۱۳۹۹", ""],
        ]
    )
    response = post_file(client, "people.csv", content)
    assert response.status_code == 302
    assert "1 new, 0 updated" in client.get(response["Location"]).content.decode()
    case = Person.objects.get(slug="reza-khandan").cases.get()
    assert (case.arrested_on, case.arrested_on_precision) == (datetime.date(2020, 10, 22), "month")


def test_it_names_every_bad_row_and_column_and_imports_nothing(client: Client) -> None:
    signed_in(client)
    content = csv_text(
        [
            ["record", "person", "case", "name_fa", "name_latin", "sex", "arrested_on"],
            ["person", "good-one", "", "خوب", "Good One", "female", ""],
            ["person", "bad-sex", "", "بد", "Bad Sex", "sometimes", ""],
            ["case", "good-one", "1", "", "", "", "1399/13/01"],
        ]
    )
    response = post_file(client, "people.csv", content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "nothing was imported" in html
    table = html[html.index('id="import-errors"') :]
    assert "<td>3</td>" in table and "<td><bdi>sex</bdi></td>" in table
    assert "<td>4</td>" in table and "<td><bdi>arrested_on</bdi></td>" in table
    assert "sometimes" in table
    assert not Person.objects.exists()


def test_it_checks_a_file_and_says_what_an_import_would_do(client: Client) -> None:
    signed_in(client)
    make_person(slug="known")
    data = [
        {"slug": "known", "name_fa": "الف", "name_latin": "Known", "publication": "draft"},
        {"slug": "fresh", "name_fa": "ب", "name_latin": "Fresh", "publication": "draft"},
    ]
    response = post_file(client, "people.json", json.dumps(data), check_only="on")
    html = response.content.decode()
    assert "Importing it would add 1 and update 1." in html
    assert list(Person.objects.values_list("slug", flat=True)) == ["known"]


def test_it_refuses_a_file_that_would_let_a_researcher_publish(client: Client) -> None:
    signed_in(client)
    data = [{"slug": "fresh", "name_fa": "ب", "name_latin": "Fresh", "publication": "published"}]
    html = post_file(client, "people.json", json.dumps(data)).content.decode()
    assert "Only organisers may publish: this file would publish fresh." in html
    assert not Person.objects.exists()


def test_it_asks_for_the_format_of_a_file_it_cannot_tell(client: Client) -> None:
    signed_in(client)
    html = post_file(client, "people.txt", "[]").content.decode()
    assert "Name the file .csv or .json, or choose its format." in html
    response = post_file(client, "people.txt", "[]", format="json")
    assert response.status_code == 302


def test_it_exports_what_the_list_shows_with_the_private_fields_and_reads_it_back(
    client: Client,
) -> None:
    signed_in(client, username="organiser1", role="organiser")
    person = make_person(
        slug="nasrin-sotoudeh",
        name_latin="Nasrin Sotoudeh",
        name_fa="نسرین ستوده",
        researcher_notes="Husband: call after 8pm",
        publication=Publication.DRAFT,
    )
    make_case(person, arrested_on=datetime.date(2018, 6, 13))
    make_person(slug="someone-published", name_latin="Someone Published")

    response = client.get(f"{PEOPLE}export/json/", {"publication__exact": "draft"})
    assert response["Content-Disposition"].startswith("attachment; filename=prisoners-staff-")
    records = json.loads(b"".join(response.streaming_content))
    assert [record["slug"] for record in records] == ["nasrin-sotoudeh"]
    assert records[0]["researcher_notes"] == "Husband: call after 8pm"

    csv_export = b"".join(client.get(f"{PEOPLE}export/csv/", {"q": "Sotudeh"}).streaming_content)
    assert "Husband: call after 8pm" in csv_export.decode()
    assert "Someone Published" not in csv_export.decode()

    Person.objects.filter(slug="nasrin-sotoudeh").update(researcher_notes="", name_fa="x")
    back = post_file(client, "back.json", json.dumps(records))
    assert back.status_code == 302
    person.refresh_from_db()
    assert (person.name_fa, person.researcher_notes) == ("نسرین ستوده", "Husband: call after 8pm")
    assert person.cases.get().arrested_on == datetime.date(2018, 6, 13)

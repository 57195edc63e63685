"""Import of ACLED-format files: every row checked first, nothing imported from a file with an
error (which names its rows and columns), a clean file saved whole, a re-import duplicating
nothing; odd encodings, binary and oversized files refused with a clear message."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from freethem.protests.exchange import import_acled, reading
from freethem.protests.models import Protest
from freethem.protests.tests.factories import make_protest
from freethem.protests.tests.test_admin_support import signed_in_staff
from freethem.protests.vocab import State

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "acled_iran.csv"
HEADER, *ROWS = SAMPLE.read_text(encoding="utf-8").splitlines()


def file_of(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode()


def with_cell(row: str, column: str, value: str) -> str:
    """The sample row with one cell replaced."""
    cells = next(csv.reader(io.StringIO(row)))
    cells[HEADER.split(",").index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_it_imports_an_acled_file() -> None:
    result = import_acled(SAMPLE.read_bytes())
    assert result.ok and (result.created, result.updated) == (7, 0)
    teachers = Protest.objects.get(event_id="IRN9002")
    assert teachers.state == State.REVIEW
    assert (teachers.province, teachers.location, teachers.country) == ("IR-10", "Isfahan", "IR")
    assert (teachers.inter1, teachers.inter2) == ("Protesters", "State forces")
    assert teachers.interaction == "State forces-Protesters"
    assert [source.name for source in teachers.sources.all()] == ["Radio Farda"]
    retirees = Protest.objects.get(event_id="IRN9001")
    assert [s.name for s in retirees.sources.all()] == ["HRANA", "Iran International"]
    berlin = Protest.objects.get(event_id="DEU4001")
    assert (berlin.country, berlin.province, berlin.admin1) == ("DE", "", "Berlin")
    assert not berlin.inside_iran


def test_it_imports_nothing_from_a_file_with_one_bad_row_and_names_it() -> None:
    bad = with_cell(ROWS[2], "event_date", "31 September 2026")
    result = import_acled(file_of(ROWS[0], ROWS[1], bad, ROWS[3]))
    assert not result.ok
    assert Protest.objects.count() == 0
    assert [(error.row, error.column) for error in result.errors] == [(4, "event_date")]
    # The value from the file is isolated, to read whole in a Persian sentence too.
    assert str(result.errors[0]) == (
        "Row 4, column event_date: “\u206831 September 2026\u2069” is not a date such as "
        "16 May 2025 or 2025-05-16."
    )


def test_it_reports_every_problem_of_every_row() -> None:
    rows = [
        with_cell(ROWS[0], "admin1", "Atlantis"),
        with_cell(ROWS[1], "event_type", "Battles"),
        with_cell(ROWS[2], "longitude", "146.99"),
        with_cell(ROWS[3], "inter1", "Aliens"),
        with_cell(ROWS[4], "fatalities", "-1"),
        ROWS[4],
    ]
    result = import_acled(file_of(*rows))
    assert [(error.row, error.column) for error in result.errors] == [
        (2, "admin1"),
        (3, "event_type"),
        (4, "latitude"),
        (5, "inter1"),
        (6, "fatalities"),
        (7, "event_id_cnty"),  # the same id as row 6
    ]
    assert "Row 6 of this file has the same id." in result.error_lines()[-1]
    assert Protest.objects.count() == 0


def test_it_reads_acleds_other_spellings_of_provinces_and_codes() -> None:
    rows = [
        with_cell(ROWS[1], "admin1", "Esfahan"),
        with_cell(with_cell(ROWS[4], "admin1", "Khorasan-e Razavi"), "inter1", "6"),
        with_cell(with_cell(ROWS[2], "admin1", "IR-12"), "interaction", "16"),
    ]
    assert import_acled(file_of(*rows)).ok
    found = dict(Protest.objects.values_list("event_id", "province"))
    assert found == {"IRN9002": "IR-10", "IRN9005": "IR-09", "IRN9003": "IR-12"}
    assert Protest.objects.get(event_id="IRN9005").inter1 == "Protesters"
    assert Protest.objects.get(event_id="IRN9003").interaction == "State forces-Protesters"


def test_it_reimports_the_same_file_without_duplicates() -> None:
    assert import_acled(SAMPLE.read_bytes()).created == 7
    again = import_acled(SAMPLE.read_bytes())
    assert (again.created, again.updated) == (0, 7)
    assert Protest.objects.count() == 7
    assert Protest.objects.get(event_id="IRN9001").sources.count() == 2


def test_it_updates_our_records_but_never_makes_one() -> None:
    ours = make_protest(event_id="FTIRN7", location="Qom", province="IR-25")
    row = with_cell(with_cell(ROWS[0], "event_id_cnty", "FTIRN7"), "location", "Tehran")
    assert import_acled(file_of(row)).updated == 1
    ours.refresh_from_db()
    assert (ours.location, ours.state) == ("Tehran", State.PUBLISHED)  # keeps its state
    unknown = with_cell(ROWS[0], "event_id_cnty", "FTIRN8")
    result = import_acled(file_of(unknown))
    assert [(e.row, e.column) for e in result.errors] == [(2, "event_id_cnty")]
    assert "Ids starting with FT are given out by this site" in result.errors[0].message
    assert not Protest.objects.filter(event_id="FTIRN8").exists()


def test_it_refuses_to_update_a_merged_record() -> None:
    kept = make_protest(event_id="FTIRN20")
    make_protest(event_id="IRN9001", merged_into=kept, state=State.ARCHIVED)
    result = import_acled(file_of(ROWS[0]))
    assert (
        result.errors[0].message
        == "This record was merged into \u2068FTIRN20\u2069; update that record instead."
    )


def test_it_reads_utf8_with_a_byte_order_mark_and_semicolons() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    windows = text.replace("\n", "\r\n")  # Excel's line ends, and its byte order mark
    assert import_acled(b"\xef\xbb\xbf" + windows.encode()).created == 7
    Protest.objects.all().delete()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows(csv.reader(io.StringIO("\n".join([HEADER, ROWS[4]]))))
    assert import_acled(out.getvalue().encode()).created == 1


def test_it_reads_utf16_with_its_mark() -> None:
    assert import_acled(SAMPLE.read_text(encoding="utf-8").encode("utf-16")).created == 7


def test_it_refuses_other_encodings_binary_and_empty_files() -> None:
    latin = file_of(with_cell(ROWS[0], "location", "Téhéran")).decode().encode("latin-1")
    assert import_acled(latin).error_lines() == [
        "The file is not UTF-8 text. Save it as “CSV UTF-8 (comma delimited)” and try again."
    ]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    assert "not a CSV text file" in import_acled(png).error_lines()[0]
    assert import_acled(b"").error_lines() == ["The file is empty."]
    assert Protest.objects.count() == 0


def test_it_refuses_oversized_files_and_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 1000)
    assert "larger than" in import_acled(SAMPLE.read_bytes()).error_lines()[0]
    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 10**7)
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    assert import_acled(SAMPLE.read_bytes()).error_lines() == [
        "The file has more than 3 records; split it into smaller files."
    ]
    monkeypatch.setattr(reading, "MAX_CELL", 50)
    result = import_acled(file_of(ROWS[0]))
    assert (result.errors[0].row, result.errors[0].message) == (
        2,
        "This cell is longer than 50 characters.",
    )
    assert Protest.objects.count() == 0


def test_it_refuses_a_file_without_acleds_columns() -> None:
    result = import_acled(b"event_id_cnty,event_date,x_size\nIRN1,01 October 2026,3\n")
    assert "The header row has no “\u2068year\u2069” column" in result.error_lines()[0]
    assert any(e.column == "x_size" for e in result.errors)


def test_it_is_a_staff_page_for_researchers_only(client: Client) -> None:
    signed_in_staff(client, role="researcher")
    url = "/staff/protests/protest/import-acled/"
    assert client.get(url).status_code == 200
    with SAMPLE.open("rb") as upload:
        response = client.post(url, {"file": upload, "state": "review"})
    assert response.status_code == 302
    assert Protest.objects.count() == 7
    bad = file_of(with_cell(ROWS[0], "geo_precision", "7"))
    upload = SimpleUploadedFile("bad.csv", bad, content_type="text/csv")
    response = client.post(url, {"file": upload, "state": "review"})
    assert response.status_code == 200
    assert "nothing was imported" in response.content.decode()
    assert "geo_precision" in response.content.decode()


def test_it_refuses_the_import_page_to_the_events_role(client: Client) -> None:
    signed_in_staff(client, username="events1", role="events")
    assert client.get("/staff/protests/protest/import-acled/").status_code == 403


def test_it_gives_staff_the_exact_coordinates(client: Client) -> None:
    signed_in_staff(client, role="researcher")
    make_protest(latitude="35.68920", longitude="51.38900", state=State.REVIEW)
    response = client.get("/staff/protests/protest/export.csv")
    text = b"".join(response.streaming_content).decode()
    assert ",35.6892,51.389," in text


def test_it_checks_the_country_by_name_and_number() -> None:
    """The ISO number decides (ACLED's country names vary); a name that names another
    country is an error."""
    rows = [
        with_cell(ROWS[5], "country", "Narnia"),
        with_cell(with_cell(ROWS[6], "iso", "276"), "event_id_cnty", "USA7002"),
        with_cell(with_cell(ROWS[5], "country", "Narnia"), "event_id_cnty", "DEU4002"),
    ]
    result = import_acled(file_of(*rows))
    assert [(e.row, e.column) for e in result.errors] == [(3, "iso")]
    mismatch = "The iso number and the country name name different countries."
    assert result.errors[0].message == mismatch
    nowhere = with_cell(with_cell(ROWS[5], "iso", ""), "country", "Narnia")
    unknown = import_acled(file_of(nowhere)).errors
    assert [(e.row, e.column) for e in unknown] == [(2, "country")]

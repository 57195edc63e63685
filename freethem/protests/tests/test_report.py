"""The public report form: anyone may send a report (kept new, for staff), the contact kept
encrypted, nothing that locates the reporter kept, input bounded, floods limited."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from persiantools import digits
from persiantools.jdatetime import JalaliDate

from freethem.protests.models import ProtestReport
from freethem.protests.services import reports
from freethem.protests.vocab import ReportState

pytestmark = pytest.mark.django_db

URL = "/protests/report/"


def report_data(**fields: str | list[str]) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "country": "IR",
        "province": "IR-09",
        "location": "Mashhad",
        "description": "Retirees gathered outside the governor's office over pensions.",
        "size_text": "about 200",
        "groups": [],
        "links": "https://example.org/video\nhttps://example.org/photo",
        "contact": "signal: reporter.42",
        "website": "",
        "altcha": "",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_shows_the_form_in_both_languages(client: Client, prefix: str) -> None:
    response = client.get(prefix + URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="description"' in page and 'name="contact"' in page
    assert "latitude" not in page  # no coordinates asked
    assert prefix or reverse("protests:report") == URL


def test_it_keeps_a_report_for_staff_with_the_contact_encrypted(client: Client) -> None:
    response = client.post(URL, report_data(groups=["retirees"]), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response["Location"] == reverse("protests:report_thanks")
    report = ProtestReport.objects.get()
    assert report.state == ReportState.NEW
    assert (report.province, report.location, report.language) == ("IR-09", "Mashhad", "en")
    assert report.contact == "signal: reporter.42"
    assert [group.slug for group in report.groups.all()] == ["retirees"]
    assert report.links == "https://example.org/video\nhttps://example.org/photo"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM protests_protestreport")
        stored = " ".join(str(cell) for cell in cursor.fetchone())
    assert "reporter.42" not in stored
    assert "203.0.113" not in stored
    assert client.get(response["Location"]).status_code == 200


def test_it_asks_for_the_province_in_iran_only(client: Client) -> None:
    response = client.post(URL, report_data(province=""))
    assert response.status_code == 200
    assert "Please choose the province" in response.content.decode()
    abroad = report_data(country="DE", province="IR-09", location="Berlin")
    assert client.post(URL, abroad).status_code == 302
    assert ProtestReport.objects.get().province == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"description": ""}, "Please say what happened."),
        ({"description": "x" * 3001}, "Please shorten this to 3000 characters"),
        ({"location": "Tehran\u202e"}, "invisible control"),
        ({"links": "\n".join(f"https://example.org/{n}" for n in range(11))}, "at most 10"),
        ({"links": "javascript:alert(1)"}, "is not a web address"),
        ({"date": "2999-01-01"}, "This date is in the future"),
        ({"date": "2001-01-01"}, "last two years"),
        ({"date": "yesterday"}, "Solar Hijri or Gregorian: 1405/07/10"),
        ({"date": "1405/07"}, "not only the month"),
        ({"date": "1405/07/31"}, "That day does not exist in that month."),
    ],
)
def test_it_bounds_what_a_reporter_sends(
    client: Client, fields: dict[str, str], message: str
) -> None:
    response = client.post(URL, report_data(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProtestReport.objects.exists()


def test_it_reads_a_solar_hijri_day(client: Client) -> None:
    day = timezone.localdate() - timedelta(days=3)
    jalali = JalaliDate.to_jalali(day)
    typed = digits.en_to_fa(f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}")
    assert client.post("/fa" + URL, report_data(date=typed)).status_code == 302
    report = ProtestReport.objects.get()
    assert (report.date, report.language) == (day, "fa")


def test_it_drops_a_bots_report_silently(client: Client) -> None:
    response = client.post(URL, report_data(website="http://spam.example"))
    assert response.status_code == 302  # thanked, as a person would be
    assert not ProtestReport.objects.exists()
    response = client.post(URL, report_data(altcha="bm90IGEgcHJvb2Y="))
    assert response.status_code == 302
    assert not ProtestReport.objects.exists()


def test_it_limits_floods_from_one_address(client: Client) -> None:
    for _ in range(reports.PER_ADDRESS):
        assert client.post(URL, report_data(), REMOTE_ADDR="198.51.100.7").status_code == 302
    response = client.post(URL, report_data(), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert ProtestReport.objects.count() == reports.PER_ADDRESS
    # Another network is not held back by this one.
    assert client.post(URL, report_data(), REMOTE_ADDR="192.0.2.1").status_code == 302


def test_it_limits_reports_from_everywhere(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports, "PER_HOUR", 2)
    addresses = ["198.51.100.1", "192.0.2.1", "203.0.113.1"]
    codes = [client.post(URL, report_data(), REMOTE_ADDR=a).status_code for a in addresses]
    assert codes == [302, 302, 429]

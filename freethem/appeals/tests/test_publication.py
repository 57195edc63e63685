"""The newspaper ad and the delivery pack: every shown name, and no other, in a PDF of the
chosen size; made by the worker with its progress on the job's page; organisers only."""

# ruff: noqa: E402 - the imports below wait for the check that Pango is here
from freethem.appeals import printing
from freethem.core.testing.requires import require_module_level

require_module_level(printing.unavailable())


import re
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from freethem.appeals import services
from freethem.appeals.models import Display, Publication, PublicationState, VerificationMeans
from freethem.appeals.printing.presets import POINTS_PER_MM, PRESETS
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature, signed_in
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db

SHOWN = [
    ("Ada Lovelace", "GB"),
    ("Grace Hopper", "US"),
    ("Édith Piaf", "FR"),
    ("نرگس محمدی", "IR"),
    ("شیرین عبادی", "IR"),
    ("علی‌رضا کریمی", "DE"),  # with a ZWNJ, as Persian writes it
]
NOT_SHOWN = {
    "Hidden Person": {"display": Display.HIDDEN},
    "Suspect Person": {"suspect": True},
    "Held Person": {"held": True},
    "Pending Person": {"confirmed": False},
}
NAMES = {"en": {"GB": "United Kingdom", "US": "United States", "FR": "France",
                "IR": "Iran", "DE": "Germany", "NO": "Norway"},
         "fa": {"GB": "بریتانیا", "US": "آمریکا", "FR": "فرانسه", "IR": "ایران",
                "DE": "آلمان", "NO": "نروژ"}}  # fmt: skip


@pytest.fixture(autouse=True)
def data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def signed_appeal(extra: int = 0) -> object:
    appeal = make_appeal()
    for i, (name, country) in enumerate(SHOWN):
        make_signature(appeal, email=f"s{i}@example.org", name=name, country=country)
    for i in range(extra):
        make_signature(appeal, email=f"x{i}@example.org", name=f"Signer {i:05d}", country="CA")
    notable = make_signature(appeal, email="n@example.org", name="Nadia Notable", country="NO")
    services.notable_mark(
        signature=notable, verified_by=staff_user(username="verifier", role="organiser"),
        means=VerificationMeans.CALL, note="Called her office line.",
        description_en="Nobel Peace laureate", description_fa="برندهٔ جایزهٔ صلح نوبل",
    )  # fmt: skip
    for name, fields in NOT_SHOWN.items():
        make_signature(appeal, email=f"{name.split()[0]}@example.org", name=name, **fields)
    return appeal


def flat(text: str) -> str:
    """Text for comparing: Unicode-normalised (Arabic presentation forms to letters), without
    the invisible isolates and joiners (a ZWNJ has no glyph, so no text in the PDF) and
    without any space, so that a name wrapped over two lines, or
    the spaces pypdf puts around a right-to-left run, compare equal; casefolded, as headings
    are set in capitals."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\u2068\u2069\u200c\u200d\u200e\u200f]", "", text)


def pdf_text(path: Path) -> tuple[str, PdfReader]:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return flat("".join(page.extract_text() for page in reader.pages)), reader


def pdf_lines(reader: PdfReader) -> list[str]:
    return [flat(line) for page in reader.pages for line in page.extract_text().splitlines()]


def beside(lines: list[str], name: str) -> str:
    """The line that holds the name, with the lines around it (a country may wrap). pypdf
    gives a line that mixes directions in visual order (in a Persian ad, "country · name"
    for a Latin name), each right-to-left run in logical order: the name is whole, its
    country on its line, on one side or the other."""
    at = max(i for i, line in enumerate(lines) if flat(name) in line)  # the list's, last
    return "".join(lines[max(0, at - 1) : at + 2])


def made(appeal: object, **fields: object) -> Publication:
    """A job, run as the worker runs it."""
    fields = {"kind": "ad", "language": "en", "preset": "a4", **fields}
    user = User.objects.filter(username="maker").first() or staff_user(
        username="maker", role="organiser"
    )
    publication = services.publication_create(appeal=appeal, user=user, **fields)
    assert services.publication_run(publication_id=publication.pk) == "done"
    publication.refresh_from_db()
    return publication


def assert_size(reader: PdfReader, width: float, height: float) -> None:
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - width) < 1 and abs(float(box.height) - height) < 1


@pytest.mark.parametrize(("language", "preset"), [("en", "tabloid"), ("fa", "letter")])
def test_it_prints_every_shown_name_with_its_country_and_no_other(
    language: str, preset: str
) -> None:
    appeal = signed_appeal()
    publication = made(appeal, language=language, preset=preset)
    text, reader = pdf_text(services.publication_path(publication))
    lines = pdf_lines(reader)

    for name, country in [*SHOWN, ("Nadia Notable", "NO")]:
        assert flat(name) in text, name  # whole, and Persian in logical order
        # Its country, named in the edition's language, beside it.
        assert flat(str(NAMES[language].get(country, ""))) in beside(lines, name), name
    for name in NOT_SHOWN:
        assert flat(name) not in text
    # The verified notable's description, in the edition's language.
    assert flat({"en": "Nobel Peace laureate", "fa": "برندهٔ جایزهٔ صلح نوبل"}[language]) in text
    assert flat("درخواست" if language == "fa" else appeal.title_en) in text  # the title
    size = PRESETS[preset]
    assert_size(reader, size.width, size.height)
    assert publication.pages == len(reader.pages) == 1
    assert publication.font_size >= 5.5
    assert services.preview_path(publication).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_it_makes_pages_of_a_custom_size_and_spreads_a_long_list_over_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from freethem.appeals.printing import render

    monkeypatch.setattr(render, "CHUNK", 60)  # several chunks, joined
    appeal = signed_appeal(extra=240)
    publication = made(appeal, preset="custom", width_mm=120, height_mm=90)
    text, reader = pdf_text(services.publication_path(publication))

    assert len(reader.pages) > 2 and publication.font_size == 5.5
    assert_size(reader, 120 * POINTS_PER_MM, 90 * POINTS_PER_MM)
    for i in range(240):  # each name once: no name lost or doubled where chunks meet
        assert text.count(flat(f"Signer {i:05d} · Canada")) == 1, i


def test_it_puts_the_letter_counts_and_names_in_the_delivery_pack() -> None:
    appeal = signed_appeal()
    publication = made(
        appeal,
        kind="pack",
        recipient="UN Special Rapporteur on Iran\nPalais des Nations, Geneva",
        letter="Dear Special Rapporteur,\n\nPlease find the signatures enclosed.",
    )
    text, reader = pdf_text(services.publication_path(publication))

    assert flat("UN Special Rapporteur on Iran") in text
    assert flat("Please find the signatures enclosed.") in text
    # Counts by country (every counted signature, shown or not), then the total.
    assert flat("Signatures by country") in text
    assert flat("Iran 2") in text and flat("Germany 2") in text and flat("Total 8") in text
    for name, _country in SHOWN:
        assert flat(name) in text
    for name in NOT_SHOWN:
        assert flat(name) not in text
    assert len(reader.pages) >= 2  # the letter has a page of its own


@pytest.mark.django_db(transaction=True)
def test_it_makes_the_pdf_in_the_worker_and_shows_its_progress(client: Client) -> None:
    appeal = signed_appeal()
    signed_in(client, role="organiser")
    response = client.post(
        "/staff/appeals/publication/add/",
        {"appeal": appeal.pk, "kind": "ad", "language": "en", "preset": "a4"},
    )
    publication = Publication.objects.get()
    job = f"/staff/appeals/publication/{publication.pk}/job/"
    assert response.status_code == 302 and response["Location"] == job
    page = client.get(job).content.decode()
    assert "waiting for the worker" in page and 'http-equiv="refresh"' in page

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    publication.refresh_from_db()
    assert publication.state == PublicationState.DONE and publication.done == publication.total
    page = client.get(job).content.decode()
    assert "refresh" not in page and "preview.png" in page and "download.pdf" in page
    assert (
        client.get(f"/staff/appeals/publication/{publication.pk}/preview.png")["Content-Type"]
        == "image/png"
    )
    assert not AuditEntry.objects.filter(action="download print PDF").exists()
    download = client.get(f"/staff/appeals/publication/{publication.pk}/download.pdf")
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"
    assert AuditEntry.objects.filter(
        action="download print PDF", subject=f"publication {publication.pk}"
    ).exists()


def test_it_shows_the_staff_page_in_persian(client: Client) -> None:
    signed_in(client, role="organiser")
    page = client.get("/fa/staff/appeals/publication/add/")
    assert page.status_code == 200 and 'dir="rtl"' in page.content.decode()


@pytest.mark.parametrize("role", ["moderator", None])
def test_it_lets_only_organisers_make_or_download(client: Client, role: str | None) -> None:
    appeal = signed_appeal()
    publication = made(appeal)
    if role:
        signed_in(client, role=role)
    base = f"/staff/appeals/publication/{publication.pk}"
    for url in ("/staff/appeals/publication/add/", f"{base}/job/", f"{base}/preview.png",
                f"{base}/download.pdf", "/staff/appeals/publication/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"]
    response = client.post(
        "/staff/appeals/publication/add/",
        {"appeal": appeal.pk, "kind": "ad", "language": "en", "preset": "a4"},
    )
    assert response.status_code in (302, 403) and Publication.objects.count() == 1
    assert not AuditEntry.objects.filter(action="download print PDF").exists()


def test_it_refuses_a_custom_size_out_of_bounds_and_a_pack_without_a_letter(
    client: Client,
) -> None:
    appeal = signed_appeal()
    signed_in(client, role="organiser")
    for fields in (
        {"preset": "custom", "width_mm": 5000, "height_mm": 300},
        {"preset": "custom", "width_mm": 200},
        {"preset": "a4", "kind": "pack", "recipient": "", "letter": "Hello"},
    ):
        data = {"appeal": appeal.pk, "kind": "ad", "language": "en", **fields}
        assert client.post("/staff/appeals/publication/add/", data).status_code == 200
    assert not Publication.objects.exists()


def test_it_leaves_a_job_to_the_run_at_it_and_takes_over_from_a_dead_one(
    settings: pytest.FixtureRequest,
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    appeal = signed_appeal()
    publication = made(appeal)
    assert services.publication_run(publication_id=publication.pk) == "taken"  # done already

    # Queued again by the worker's lease while the first run is still at it: left alone.
    beat = timezone.now() - timedelta(seconds=settings.FREETHEM_TASK_LEASE - 30)
    Publication.objects.filter(pk=publication.pk).update(state="running", beat_at=beat)
    assert services.publication_run(publication_id=publication.pk) == "taken"
    # Its worker died: no beat for longer than the lease. The next run starts over.
    beat = timezone.now() - timedelta(seconds=settings.FREETHEM_TASK_LEASE + 30)
    Publication.objects.filter(pk=publication.pk).update(state="running", beat_at=beat)
    assert services.publication_run(publication_id=publication.pk) == "done"


def test_it_deletes_the_files_with_the_job(client: Client, data_dir: Path) -> None:
    publication = made(signed_appeal())
    pdf = services.publication_path(publication)
    assert pdf.is_file() and services.preview_path(publication).is_file()
    signed_in(client, role="organiser")
    url = f"/staff/appeals/publication/{publication.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Publication.objects.exists() and list((data_dir / "publications").iterdir()) == []


def test_it_fails_a_job_with_what_to_install_where_pango_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(printing, "unavailable", lambda: "WeasyPrint cannot load Pango (test)")
    user = staff_user(username="maker", role="organiser")
    publication = services.publication_create(
        appeal=signed_appeal(), user=user, kind="ad", language="en", preset="a4"
    )

    assert services.publication_run(publication_id=publication.pk) == "failed"
    publication.refresh_from_db()
    assert publication.state == PublicationState.FAILED
    assert "WeasyPrint cannot load Pango" in publication.error

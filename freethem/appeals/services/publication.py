"""The newspaper ad and the delivery pack: an organiser asks for a PDF, the worker makes it.

publication_create stores the job and queues it (in the same transaction); publication_run,
in the worker, collects the names, lays them out (freethem.appeals.printing) with progress
written to the job, draws page 1 as PNG and keeps both files in the data directory's
publications/ folder: not static, not media, readable only by the site's user; only the
organisers' download view serves them.
"""

import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_countries import countries

from freethem.appeals.models import (
    Appeal,
    CountShard,
    Publication,
    PublicationKind,
    PublicationState,
)
from freethem.appeals.printing import renderer
from freethem.appeals.printing.entries import Entry, is_rtl
from freethem.appeals.printing.presets import page_size
from freethem.core.audit import audit_record

logger = logging.getLogger(__name__)

FOLDER = "publications"


@dataclass(frozen=True)
class PrintedNotable:
    name: str
    description: str


def ad_notables(appeal: Appeal) -> list[PrintedNotable]:
    """The notable signatories the ad and the pack print: only verified ones (as on the
    appeal's page), with their description in the language being rendered."""
    rows = appeal.signatures.notables()
    return [PrintedNotable(row.public_name, row.notable_record.description) for row in rows]


def ad_entries(appeal: Appeal, language: str) -> list[Entry]:
    """Every shown name (as the signer chose it) with its country's name in the edition's
    language; the names in the edition's script first, each group in alphabetical order."""
    rtl = language == "fa"
    with translation.override(language):
        country_names = {code: str(name) for code, name in countries}
    rows = appeal.signatures.listed().values_list("public_name", "country")
    entries = [
        Entry(name, country_names.get(code, code))
        for name, code in rows.iterator(chunk_size=5000)
        if name
    ]
    entries.sort(key=lambda entry: (is_rtl(entry.name) != rtl, entry.name.casefold()))
    return entries


def publication_dir() -> Path:
    folder = Path(settings.DATA_DIR) / FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def publication_path(publication: Publication) -> Path | None:
    """The finished PDF, or None."""
    if publication.state != PublicationState.DONE or not publication.file_name:
        return None
    path = publication_dir() / publication.file_name
    return path if path.is_file() else None


def preview_path(publication: Publication) -> Path | None:
    """Page 1 as PNG, or None."""
    pdf = publication_path(publication)
    png = pdf.with_suffix(".png") if pdf else None
    return png if png and png.is_file() else None


@transaction.atomic
def publication_create(
    *,
    appeal: Appeal,
    kind: str,
    language: str,
    preset: str,
    width_mm: float | None = None,
    height_mm: float | None = None,
    recipient: str = "",
    letter: str = "",
    user: AbstractBaseUser,
) -> Publication:
    """Store the job and queue it for the worker (with the row, or neither)."""
    from freethem.appeals.tasks import make_publication

    size = page_size(preset, width_mm, height_mm)
    publication = Publication(
        appeal=appeal,
        kind=kind,
        language=language,
        preset=preset,
        width_mm=round(size.width_mm, 1),
        height_mm=round(size.height_mm, 1),
        recipient=recipient if kind == PublicationKind.PACK else "",
        letter=letter if kind == PublicationKind.PACK else "",
        created_by=user,
        stage="queued",
    )
    publication.full_clean()
    publication.save()
    make_publication.enqueue(publication_id=publication.pk)
    return publication


def _progress(publication: Publication, **fields: object) -> None:
    Publication.objects.filter(pk=publication.pk).update(beat_at=timezone.now(), **fields)


def _claim(publication_id: int) -> bool:
    """Take the job for this run: queued, or running without a beat for longer than the
    task lease (its worker died). A long list outlasts the lease, and the worker then queues
    the task again while it still runs: that second run finds the job taken and stops."""
    stale = timezone.now() - timedelta(seconds=settings.FREETHEM_TASK_LEASE)
    free = Q(state=PublicationState.QUEUED) | Q(
        Q(beat_at__isnull=True) | Q(beat_at__lt=stale), state=PublicationState.RUNNING
    )
    taken = Publication.objects.filter(free, pk=publication_id).update(
        state=PublicationState.RUNNING, stage="names", done=0, error="", beat_at=timezone.now()
    )
    return taken == 1


def publication_run(*, publication_id: int) -> str:
    """Make the job's PDF and its preview (the worker's task). Run again after a worker died,
    it starts over; run while another run is at it, it leaves the job to that one."""
    if not _claim(publication_id):
        return "taken"
    publication = Publication.objects.select_related("appeal").get(pk=publication_id)
    try:
        return _make(publication)
    except Exception as error:
        logger.exception("Print PDF %s failed", publication_id)
        _progress(
            publication,
            state=PublicationState.FAILED,
            stage="",
            error=f"{type(error).__name__}: {error}"[:300],
            finished_at=timezone.now(),
        )
        return "failed"


def _make(publication: Publication) -> str:
    appeal, language = publication.appeal, publication.language
    entries = ad_entries(appeal, language)
    _progress(publication, total=len(entries), stage="layout")
    size = page_size(publication.preset, publication.width_mm, publication.height_mm)
    with translation.override(language):
        front = publication_front(publication, listed=len(entries))
    name = f"{publication.pk}-{publication.kind}-{language}-{os.urandom(6).hex()}.pdf"
    final = publication_dir() / name
    partial = final.with_suffix(".part")
    printing = renderer()  # Pango, loaded by the worker for a job only
    result = printing.render(
        size=size,
        front=front,
        entries=entries,
        language=language,
        out=partial,
        progress=lambda done, total: _progress(publication, done=done, total=total),
    )
    _progress(publication, stage="preview")
    printing.preview(partial, final.with_suffix(".png"))
    partial.replace(final)
    _progress(
        publication,
        state=PublicationState.DONE,
        stage="",
        done=len(entries),
        pages=result.pages,
        font_size=result.points,
        file_name=name,
        file_size=final.stat().st_size,
        finished_at=timezone.now(),
    )
    return "done"


def publication_front(publication: Publication, *, listed: int) -> str:
    """The HTML before the names: the ad's head, or the pack's letter and counts."""
    appeal = publication.appeal
    totals = CountShard.totals(appeal)
    count = sum(totals.values())
    context = {
        "title": appeal.title,
        "paragraphs": _paragraphs(appeal.text),
        "count": count,
        "countries": len(totals),
        "listed": listed,
        "notables": ad_notables(appeal),
    }
    if publication.kind == PublicationKind.AD:
        return render_to_string("appeals/print/ad_front.html", context)
    names = dict(countries)
    rows = sorted(totals.items(), key=lambda item: (-item[1], str(names.get(item[0], item[0]))))
    context |= {
        "recipient": publication.recipient,
        "letter": _paragraphs(publication.letter),
        "date": timezone.localdate(),
        "by_country": [(str(names.get(code, code)), total) for code, total in rows],
    }
    return render_to_string("appeals/print/pack_front.html", context)


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def publication_delete(*, publication: Publication) -> None:
    """Delete the job and its files (the PDF and its preview)."""
    if publication.file_name:
        pdf = publication_dir() / publication.file_name
        for path in (pdf, pdf.with_suffix(".png"), pdf.with_suffix(".part")):
            path.unlink(missing_ok=True)
    publication.delete()


def publication_download_record(*, publication: Publication, user: AbstractBaseUser) -> None:
    """Audit an organiser's download: the PDF holds signers' names."""
    audit_record(
        user=user,
        action="download print PDF",
        subject=f"publication {publication.pk}",
        detail=f"appeal {publication.appeal_id}, {publication.kind}, {publication.language}",
    )

"""Reports from the public, decided on by staff: turned into a draft record, or rejected.

A report is never published as it is: it becomes a draft record that staff check, give sources
and publish (services.records). The reporter's contact stays on the report, never on the record,
and is erased CONTACT_KEPT after the decision.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_countries import countries

from freethem.core.audit import audit_record
from freethem.protests.models import Protest, ProtestReport
from freethem.protests.services.records import ADD_PERMISSION, NOT_ALLOWED, User, protest_create
from freethem.protests.vocab import ReportState

DECIDED_ALREADY = _("Staff have decided on this report already.")
CHANGE_REPORT_PERMISSION = "protests.change_protestreport"
CONTACT_KEPT = timedelta(days=30)


def report_accept(*, report: ProtestReport, by: User | None) -> Protest:
    """A draft record made from the report, linked to it; the report is marked accepted."""
    if by is not None and not by.has_perms([ADD_PERMISSION, CHANGE_REPORT_PERMISSION]):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic():
        report = _undecided(report)
        with translation.override("en"):  # ACLED names actors in English
            country = countries.name(report.country.code)
        notes = "notes_fa" if report.language == "fa" else "notes"
        protest = protest_create(
            by=by,
            date=report.date,
            country=report.country,
            province=report.province,
            location=report.location,
            actor1=f"Protesters ({country})",
            size_text=report.size_text,
            groups=report.groups.all(),
            **{notes: report.description},
        )
        report.protest = protest
        report.state, report.decided_at = ReportState.ACCEPTED, timezone.now()
        report.save(update_fields=["protest", "state", "decided_at"])
    audit_record(
        user=by,
        action=gettext_noop("turn a protest report into a draft"),
        subject=f"protest report {report.pk}",
        detail=protest.event_id,
    )
    return protest


def report_reject(*, report: ProtestReport, by: User | None) -> ProtestReport:
    if by is not None and not by.has_perm(CHANGE_REPORT_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic():
        report = _undecided(report)
        report.state, report.decided_at = ReportState.REJECTED, timezone.now()
        report.save(update_fields=["state", "decided_at"])
    subject = f"protest report {report.pk}"
    audit_record(user=by, action=gettext_noop("reject a protest report"), subject=subject)
    return report


def _undecided(report: ProtestReport) -> ProtestReport:
    current = ProtestReport.objects.select_for_update().get(pk=report.pk)
    if current.state != ReportState.NEW:
        raise ValidationError(DECIDED_ALREADY, code="decided")
    return current


def report_contacts_erase(*, now: datetime) -> int:
    """Erase the reporters' contacts CONTACT_KEPT after staff decided on their reports (time
    enough to ask a reporter about what they saw). Returns how many were erased."""
    decided = ProtestReport.objects.filter(
        decided_at__lt=now - CONTACT_KEPT, contact_erased_at__isnull=True
    )
    return decided.update(contact="", contact_erased_at=now)


def run_periodic() -> None:
    """The worker's periodic job for the protest tracker."""
    report_contacts_erase(now=timezone.now())

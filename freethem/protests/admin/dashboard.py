"""The protest tracker's block on the staff home (freethem.core.staff_dashboard): reports from
the public waiting for a decision and records waiting for review, with the way to each."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from freethem.core.staff_dashboard import Panel
from freethem.protests.models import Protest, ProtestReport
from freethem.protests.vocab import ReportState, State


def panels(request: HttpRequest) -> list[Panel]:
    if not request.user.has_perm("protests.view_protest"):
        return []
    data = {
        "reports": ProtestReport.objects.filter(state=ReportState.NEW).count(),
        "reports_url": reverse("admin:protests_protestreport_changelist")
        + f"?state__exact={ReportState.NEW}",
        "review": Protest.objects.filter(state=State.REVIEW).count(),
        "review_url": reverse("admin:protests_protest_changelist")
        + f"?state__exact={State.REVIEW}",
        "duplicates_url": reverse("admin:protests_protest_duplicates"),
    }
    return [Panel(_("Protest tracker"), "admin/protests/dashboard/_waiting.html", data, 45)]

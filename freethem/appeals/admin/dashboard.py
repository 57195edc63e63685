"""The appeals' panels on the staff home (freethem.core.staff_dashboard): each appeal's counts,
the signatures held for review, and the abuse alerts nobody has seen yet. Each panel is for
the staff whose role may open what it links to."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from freethem.appeals.admin import with_counts
from freethem.appeals.models import Alert, Appeal, AppealState, Signature
from freethem.core.staff_dashboard import Panel

APPEALS_SHOWN = 6
HELD_SHOWN = 5
ALERTS_SHOWN = 5
# Open appeals first, then paused, drafts, and the closed ones last.
STATE_ORDER = [AppealState.OPEN, AppealState.PAUSED, AppealState.DRAFT, AppealState.CLOSED]


def review_url(**filters: object) -> str:
    """The review queue (held and suspect signatures nobody has decided on yet)."""
    query = f"?{urlencode(filters)}" if filters else ""
    return f"{reverse('admin:appeals_reviewsignature_changelist')}{query}"


def signatures_url(**filters: object) -> str:
    return f"{reverse('admin:appeals_signature_changelist')}?{urlencode(filters)}"


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    found = []
    if user.has_perm("appeals.view_appeal"):
        found.append(
            Panel(
                _("Appeals"),
                "admin/appeals/dashboard/_appeals.html",
                appeals_data(request),
                order=10,
            )
        )
    if user.has_perm("appeals.view_signature"):
        found.append(
            Panel(
                _("Signatures waiting for review"),
                "admin/appeals/dashboard/_held.html",
                held_data(),
                order=20,
            )
        )
    if user.has_perm("appeals.view_alert"):
        found.append(
            Panel(
                _("Abuse alerts"), "admin/appeals/dashboard/_alerts.html", alerts_data(), order=30
            )
        )
    return found


def appeals_data(request: HttpRequest) -> dict:
    appeals: QuerySet[Appeal] = with_counts(Appeal.objects.all())
    ordered = sorted(appeals, key=lambda appeal: (STATE_ORDER.index(appeal.state), -appeal.pk))
    may_review = request.user.has_perm("appeals.view_signature")
    rows = [
        {
            "appeal": appeal,
            "url": reverse("admin:appeals_appeal_change", args=[appeal.pk]),
            "held_url": review_url(appeal__id__exact=appeal.pk)
            if may_review and appeal.n_held
            else "",
            "progress": min(100, round(100 * appeal.n_confirmed / appeal.goal))
            if appeal.goal
            else 0,
        }
        for appeal in ordered[:APPEALS_SHOWN]
    ]
    return {
        "rows": rows,
        "more": len(ordered) - len(rows),
        "list_url": reverse("admin:appeals_appeal_changelist"),
    }


def held_data() -> dict:
    held = Signature.objects.filter(held=True).select_related("appeal").order_by("-created_at")
    return {
        "count": held.count(),
        "signatures": list(held[:HELD_SHOWN]),
        "review_url": review_url(),
        "suspect": Signature.objects.filter(suspect=True).count(),
        "suspect_url": signatures_url(suspect__exact=1),
    }


def alerts_data() -> dict:
    unseen = Alert.objects.filter(seen=False)
    return {
        "count": unseen.count(),
        "alerts": list(unseen[:ALERTS_SHOWN]),
        "list_url": f"{reverse('admin:appeals_alert_changelist')}?seen__exact=0",
        "trending_url": reverse("admin:appeals_alert_trending"),
    }

"""The actions app's block on the staff home (freethem.core.staff_dashboard): what waits in
the things supporters do. Researchers see the open urgent actions; organisers also see the
mailings being sent, the volunteers to contact and the open fundraising drives."""

from datetime import timedelta

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freethem.actions.models import Drive, Mailing, UrgentAction, Volunteer
from freethem.actions.services.support import drive_totals
from freethem.actions.vocab import DeliveryState, MailingState, VolunteerState
from freethem.core.roles import is_organiser
from freethem.core.staff_dashboard import Panel

SHOWN = 5
EXPIRING_WITHIN = timedelta(days=7)


def _urgent() -> dict:
    active = UrgentAction.objects.active()
    soon = timezone.localdate() + EXPIRING_WITHIN
    return {
        "open": active.count(),
        "expiring": active.filter(expires_on__lte=soon).count(),
        "url": reverse("admin:actions_urgentaction_changelist") + "?status=open",
    }


def _mailings() -> list[dict]:
    going = Mailing.objects.filter(state__in=(MailingState.SENDING, MailingState.PAUSED))
    counted = going.annotate(
        total=Count("deliveries"),
        sent=Count("deliveries", filter=Q(deliveries__state=DeliveryState.SENT)),
    )
    return [
        {
            "mailing": mailing,
            "sent": mailing.sent,
            "total": mailing.total,
            "url": reverse("admin:actions_mailing_log", args=[mailing.pk]),
        }
        for mailing in counted.order_by("started_at")[:SHOWN]
    ]


def _volunteers() -> dict:
    waiting = Volunteer.objects.filter(state=VolunteerState.NEW, confirmed_at__isnull=False)
    return {
        "new": waiting.count(),
        "url": reverse("admin:actions_volunteer_changelist") + "?state__exact=new&confirmed=yes",
    }


def _drives() -> list[dict]:
    return [
        {
            "drive": drive,
            "totals": drive_totals(drive),
            "url": reverse("admin:actions_drive_change", args=[drive.pk]),
        }
        for drive in Drive.objects.open()[:SHOWN]
    ]


def panels(request: HttpRequest) -> list[Panel]:
    if not request.user.has_perm("actions.view_urgentaction"):
        return []
    data: dict = {"urgent": _urgent()}
    if is_organiser(request.user):
        data |= {"mailings": _mailings(), "volunteers": _volunteers(), "drives": _drives()}
    return [Panel(_("Things to do"), "admin/actions/dashboard/_actions.html", data, 55)]

"""Campaign events' block on the staff home (freethem.core.staff_dashboard): the upcoming
events this user manages (all of them for an organiser), with who is going and waiting."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from freethem.core.staff_dashboard import Panel
from freethem.events.admin.rsvps import participants_url
from freethem.events.models import Event
from freethem.events.vocab import RsvpState, State

EVENTS_SHOWN = 5


def panels(request: HttpRequest) -> list[Panel]:
    if not request.user.has_perm("events.view_event"):
        return []
    upcoming = (
        Event.objects.managed_by(request.user)
        .exclude(state=State.CANCELLED)
        .upcoming()
        .prefetch_related("texts")
        .annotate(
            n_going=Count("rsvps", filter=Q(rsvps__state=RsvpState.GOING)),
            n_waiting=Count("rsvps", filter=Q(rsvps__state=RsvpState.WAITING)),
        )
    )
    rows = [
        {
            "event": event,
            "url": reverse("admin:events_event_change", args=[event.pk]),
            "participants_url": participants_url(event),
        }
        for event in upcoming[:EVENTS_SHOWN]
    ]
    data = {
        "count": upcoming.count(),
        "rows": rows,
        "list_url": reverse("admin:events_event_changelist"),
    }
    return [Panel(_("Upcoming events"), "admin/events/dashboard/_upcoming.html", data, 50)]

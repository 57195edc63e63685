"""The participants of events, for their organisers only.

An event's RSVPs are seen by the staff who organise it (Event.objects.managed_by: the events
role sees the events it is named on, organisers of the campaign see all) and by nobody else:
a moderator or researcher holds no permission of this app. Names and emails are decrypted
for them; each page, record or export that shows them is written to the audit log (who, when,
which events, how many), never with the data itself.

Organisers mark attendance (yes, no, not known), see the waiting list in its order, and
download the participants as CSV (freethem.core.spreadsheet: cells guarded against formulas).
"""

from collections.abc import Iterator

from django.contrib import admin
from django.db.models import Case, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser
from freethem.core.spreadsheet import csv_response
from freethem.core.templatetags.freethem import num
from freethem.events.models import Event, Rsvp
from freethem.events.services.rsvps import rsvp_mark_attended, waiting_position
from freethem.events.vocab import RsvpState

# The list's order within an event: those going, the waiting list in its order, then pending
# and cancelled.
STATE_RANK = Case(
    When(state=RsvpState.GOING, then=Value(0)),
    When(state=RsvpState.WAITING, then=Value(1)),
    When(state=RsvpState.PENDING, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)

CSV_COLUMNS = (
    "event", "name", "email", "state", "waiting_list_position", "language", "registered_at",
    "confirmed_at", "attended",
)  # fmt: skip


def participants_url(event: Event) -> str:
    """The staff list of this event's RSVPs (for the event's admin page)."""
    return reverse("admin:events_rsvp_changelist") + f"?event={event.pk}"


class EventFilter(admin.SimpleListFilter):
    """The events whose RSVPs this user may see, newest first: never another's event."""

    title = _("event")
    parameter_name = "event"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        events = Event.objects.managed_by(request.user).order_by("-starts_at")[:200]
        return [(str(event.pk), str(event)) for event in events.prefetch_related("texts")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Rsvp]) -> QuerySet[Rsvp]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(event_id=int(value))
        return queryset


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = (
        "person", "email_address", "event_title", "state", "waiting_position",
        "attended_shown", "confirmed_at",
    )  # fmt: skip
    list_filter = (EventFilter, "state", "attended")
    list_select_related = ("event",)
    list_per_page = 100
    actions = ("mark_attended", "mark_absent", "mark_unknown", "export_csv")
    fields = (
        "event", "full_name", "email_address", "state", "waiting_place", "language",
        "created_at", "confirmed_at", "cancelled_at", "reminded_at", "attended",
    )  # fmt: skip
    readonly_fields = (
        "event", "full_name", "email_address", "state", "waiting_place", "language",
        "created_at", "confirmed_at", "cancelled_at", "reminded_at",
    )  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Rsvp]:
        managed = Event.objects.managed_by(request.user).values("pk")
        return (
            super()
            .get_queryset(request)
            .filter(event__in=managed)
            .prefetch_related("event__texts")
            .annotate(
                state_rank=STATE_RANK,
                queue_position=Window(
                    RowNumber(),
                    partition_by=[F("event_id"), F("state")],
                    order_by=[F("confirmed_at").asc(), F("pk").asc()],
                ),
            )
            .order_by("-event__starts_at", "event_id", "state_rank", "confirmed_at", "pk")
        )

    # Who may: the app's permissions (the events role, organisers), and for one RSVP, its
    # event's organisers (get_queryset). Nobody adds an RSVP here: they come from the form.

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Rsvp | None = None) -> bool:
        return is_organiser(request.user)

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        # The event column says nothing when the list shows one event's participants.
        if "event" in request.GET:
            return tuple(name for name in self.list_display if name != "event_title")
        return self.list_display

    # Columns.

    @admin.display(description=_("name"))
    def person(self, rsvp: Rsvp) -> str:
        return format_html("<bdi>{}</bdi>", rsvp.name)

    @admin.display(description=_("name"))
    def full_name(self, rsvp: Rsvp) -> str:
        return rsvp.name

    @admin.display(description=_("email"))
    def email_address(self, rsvp: Rsvp) -> str:
        return format_html('<span dir="ltr">{}</span>', rsvp.email)

    @admin.display(description=_("event"), ordering="event__starts_at")
    def event_title(self, rsvp: Rsvp) -> str:
        return format_html("<bdi>{}</bdi>", rsvp.event)

    @admin.display(description=_("waiting list"))
    def waiting_position(self, rsvp: Rsvp) -> str:
        if rsvp.state != RsvpState.WAITING:
            return "–"
        return num(rsvp.queue_position)  # type: ignore[attr-defined]  # get_queryset

    @admin.display(description=_("place on the waiting list"))
    def waiting_place(self, rsvp: Rsvp) -> str:
        # The form's one row: counted, as the window would see that row alone.
        return num(waiting_position(rsvp) or "–")

    @admin.display(description=_("attended"), ordering="attended")
    def attended_shown(self, rsvp: Rsvp) -> str:
        if rsvp.attended is None:
            return "–"
        return gettext("yes") if rsvp.attended else gettext("no")

    # Every view of names and emails is audited.

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
            shown = list(response.context_data["cl"].result_list)
            if shown:
                slugs = sorted({rsvp.event.slug for rsvp in shown})
                audit_record(
                    user=request.user,
                    action=gettext_noop("view RSVPs"),
                    subject=", ".join(slugs),
                    detail=f"{len(shown)} RSVPs",
                )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if (
            self.has_view_permission(request)
            and object_id.isdigit()
            and self.get_queryset(request).filter(pk=int(object_id)).exists()
        ):
            audit_record(
                user=request.user, action=gettext_noop("view RSVP"), subject=f"rsvp {object_id}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Rsvp, form: object, change: bool) -> None:
        rsvp_mark_attended(rsvp=obj, attended=obj.attended)

    # Attendance.

    def _mark(self, request: HttpRequest, queryset: QuerySet[Rsvp], attended: bool | None) -> None:
        marked = 0
        for rsvp in queryset:
            rsvp_mark_attended(rsvp=rsvp, attended=attended)
            self.log_change(request, rsvp, gettext_noop("Attendance marked."))
            marked += 1
        self.message_user(
            request,
            ngettext("%(count)d RSVP marked.", "%(count)d RSVPs marked.", marked)
            % {"count": marked},
        )

    @admin.action(description=_("Mark: attended"), permissions=["change"])
    def mark_attended(self, request: HttpRequest, queryset: QuerySet[Rsvp]) -> None:
        self._mark(request, queryset, True)

    @admin.action(description=_("Mark: did not attend"), permissions=["change"])
    def mark_absent(self, request: HttpRequest, queryset: QuerySet[Rsvp]) -> None:
        self._mark(request, queryset, False)

    @admin.action(description=_("Mark: attendance not known"), permissions=["change"])
    def mark_unknown(self, request: HttpRequest, queryset: QuerySet[Rsvp]) -> None:
        self._mark(request, queryset, None)

    # Export.

    @admin.action(description=_("Download these participants (CSV)"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Rsvp]) -> HttpResponse:
        slugs = sorted(set(queryset.values_list("event__slug", flat=True)))
        count = queryset.count()
        audit_record(
            user=request.user,
            action=gettext_noop("export RSVPs"),
            subject=", ".join(slugs) or "rsvps",
            detail=f"{count} RSVPs",
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        label = slugs[0] if len(slugs) == 1 else "events"
        return csv_response(_rows(queryset), filename=f"participants-{label}-{stamp}.csv")


def _rows(rsvps: QuerySet[Rsvp]) -> Iterator[tuple[object, ...]]:
    yield CSV_COLUMNS
    # Positions on the whole waiting list of each event, not among the rows selected.
    events = set(rsvps.filter(state=RsvpState.WAITING).values_list("event_id", flat=True))
    positions = {
        pk: number
        for event_id in events
        for number, pk in enumerate(
            Rsvp.objects.waiting().filter(event_id=event_id).values_list("pk", flat=True), 1
        )
    }
    for rsvp in rsvps.select_related("event").iterator(chunk_size=500):
        position = positions.get(rsvp.pk, "") if rsvp.state == RsvpState.WAITING else ""
        attended = "" if rsvp.attended is None else ("yes" if rsvp.attended else "no")
        yield (
            rsvp.event.slug,
            rsvp.name,
            rsvp.email,
            rsvp.state,
            position,
            rsvp.language,
            rsvp.created_at.isoformat(),
            rsvp.confirmed_at.isoformat() if rsvp.confirmed_at else "",
            attended,
        )

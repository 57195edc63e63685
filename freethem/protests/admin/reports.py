"""Reports from the public in the staff area: read, then turned into a draft record or rejected.

Researchers and organisers moderate reports. The reporter's contact is shown to organisers only,
and each time an organiser opens a report that has one, the audit log says so. A report is never
edited: what it says becomes a draft record, which staff then check and give sources.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser
from freethem.core.templatetags.freethem import num
from freethem.protests import services
from freethem.protests.models import ProtestReport
from freethem.protests.vocab import ReportState

CONTACT_FIELDSET = _("The reporter's contact: organisers only")
CONTACT_DESCRIPTION = _(
    "Only organisers see this. Each time this page is opened, it is written to the audit log. "
    "It never goes on a record, and it is erased a month after the report is decided on."
)
ACCEPTED = _("Turned into draft records: %(records)s.")
REJECTED = _("Rejected: %(count)s reports.")

REPORT_FIELDS = (
    "state", "record", "created_at", "decided_at", "date", "country", "province", "location",
    "description", "size_text", "group_list", "link_list", "language",
)  # fmt: skip


class ReportStateFilter(admin.SimpleListFilter):
    """The reports waiting for a decision by default; the decided ones on request."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [(ReportState.ACCEPTED, _("accepted")), (ReportState.REJECTED, _("rejected"))]

    def choices(self, changelist: ChangeList) -> Iterator[dict[str, Any]]:
        choices = super().choices(changelist)
        everything = next(choices)
        yield {**everything, "display": _("waiting for a decision")}
        yield from choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in (ReportState.ACCEPTED, ReportState.REJECTED):
            return queryset.filter(state=self.value())
        return queryset.filter(state=ReportState.NEW)


@admin.register(ProtestReport)
class ProtestReportAdmin(admin.ModelAdmin):
    list_display = ("received", "date", "place", "summary", "state", "record")
    list_display_links = ("received",)
    list_filter = (ReportStateFilter, "province")
    search_fields = ("location", "description")
    search_help_text = _("Searches towns and what happened.")
    show_full_result_count = False
    list_select_related = ("protest",)
    actions = ("accept", "reject")
    change_form_template = "admin/protests/protestreport/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports come from the public form only

    def get_fieldsets(self, request: HttpRequest, obj: ProtestReport | None = None) -> tuple:
        fieldsets: tuple = ((None, {"fields": REPORT_FIELDS}),)
        if is_organiser(request.user) and obj is not None and obj.contact:
            contact = {"fields": ("contact",), "description": CONTACT_DESCRIPTION}
            fieldsets = (*fieldsets, (CONTACT_FIELDSET, contact))
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: ProtestReport | None = None) -> tuple:
        return tuple(
            name
            for _title, options in self.get_fieldsets(request, obj)
            for name in options["fields"]
        )

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, report: ProtestReport) -> str:
        when = timezone.localtime(report.created_at)
        return num(formats.date_format(when, "SHORT_DATETIME_FORMAT"))

    @admin.display(description=_("place"), ordering="location")
    def place(self, report: ProtestReport) -> str:
        where = report.get_province_display() or report.country.name
        return format_html("<bdi>{}</bdi>, {}", report.location, where)

    @admin.display(description=_("what happened"))
    def summary(self, report: ProtestReport) -> str:
        text = report.description
        return format_html(
            '<span dir="auto">{}</span>', text[:120] + ("…" if len(text) > 120 else "")
        )

    @admin.display(description=_("record"))
    def record(self, report: ProtestReport) -> str:
        if report.protest is None:
            return "–"
        url = reverse("admin:protests_protest_change", args=[report.protest.pk])
        return format_html('<a href="{}">{}</a>', url, report.protest.event_id)

    @admin.display(description=_("who took part"))
    def group_list(self, report: ProtestReport) -> str:
        return ", ".join(group.name for group in report.groups.all()) or "–"

    @admin.display(description=_("links to reports, photos or videos"))
    def link_list(self, report: ProtestReport) -> str:
        # Shown as text, not links: staff open them on purpose, from a safe machine.
        lines = [line.strip() for line in report.links.splitlines() if line.strip()]
        return (
            format_html_join(
                mark_safe("<br>"), '<bdi dir="ltr">{}</bdi>', ([line] for line in lines)
            )
            or "–"
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        report = self.get_object(request, unquote(object_id))
        shows_contact = report is not None and report.contact and is_organiser(request.user)
        if shows_contact and self.has_view_permission(request, report):
            audit_record(
                user=request.user,
                action=gettext_noop("view protest report's contact"),
                subject=f"protest report {report.pk}",
            )
        context = {
            **(extra_context or {}),
            # Nothing on the page is edited: the decisions are its buttons.
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "may_decide": report is not None
            and report.state == ReportState.NEW
            and self.has_change_permission(request, report),
        }
        return super().change_view(request, object_id, form_url, context)

    # Decisions.

    @admin.action(description=_("Turn into draft records"), permissions=["change"])
    def accept(self, request: HttpRequest, queryset: QuerySet[ProtestReport]) -> None:
        self.decide(request, queryset, "accept")

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[ProtestReport]) -> None:
        self.decide(request, queryset, "reject")

    def decide(
        self, request: HttpRequest, reports: Iterable[ProtestReport], decision: str
    ) -> list[Any]:
        done = []
        for report in reports:
            try:
                if decision == "accept":
                    done.append(services.report_accept(report=report, by=request.user))
                else:
                    done.append(services.report_reject(report=report, by=request.user))
            except (ValidationError, PermissionDenied) as error:
                words = (
                    " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                )
                self.message_user(request, f"{report}: {words}", messages.WARNING)
        if done and decision == "accept":
            ids = ", ".join(protest.event_id for protest in done)
            self.message_user(request, gettext(ACCEPTED) % {"records": ids}, messages.SUCCESS)
        elif done:
            self.message_user(request, gettext(REJECTED) % {"count": len(done)}, messages.SUCCESS)
        return done

    def decision_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The buttons on a report's page: turn into a draft record, or reject."""
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404
        if request.method != "POST" or not self.has_change_permission(request, report):
            raise PermissionDenied
        decision = request.POST.get("decision", "")
        if decision not in ("accept", "reject"):
            return redirect(reverse("admin:protests_protestreport_change", args=[report.pk]))
        done = self.decide(request, [report], decision)
        if done and decision == "accept":
            return redirect(reverse("admin:protests_protest_change", args=[done[0].pk]))
        return redirect(reverse("admin:protests_protestreport_changelist"))

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/decision/",
                view(self.decision_view),
                name="protests_protestreport_decision",
            ),
            *super().get_urls(),
        ]

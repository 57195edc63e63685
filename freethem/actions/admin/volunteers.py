"""Staff pages: volunteers, for organisers only.

Names, emails, safe contacts and messages are decrypted for organisers, and each list, record
or export that shows them is written to the audit log (who, when, how many), never with the
data itself. A volunteer who has not opened the mailed link is shown as not confirmed: nobody
proved the address is theirs, so organisers do not write to them. Organisers keep the state
and a note; they may erase a volunteer (the personal fields cleared,
services.volunteers.volunteer_erase) or delete the row.
"""

from collections.abc import Iterator

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from freethem.actions.admin.representatives import CountryFilter
from freethem.actions.models import Volunteer
from freethem.actions.services.volunteers import volunteer_erase, volunteer_is_erased
from freethem.actions.vocab import Skill
from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser
from freethem.core.spreadsheet import csv_response

CSV_COLUMNS = (
    "number", "name", "email", "safe_contact", "languages", "skills", "country",
    "availability", "state", "confirmed", "language", "signed_up", "message", "staff_note",
)  # fmt: skip


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("yes", _("confirmed")), ("no", _("not confirmed: do not write to them"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


class SkillFilter(admin.SimpleListFilter):
    title = _("skills")
    parameter_name = "skill"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return list(Skill.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value in Skill.values:
            # The list is JSON text on SQLite and jsonb on PostgreSQL: a quoted code matches
            # that code as an element, never another code containing it.
            return queryset.filter(skills__icontains=f'"{value}"')
        return queryset


def _skills(volunteer: Volunteer) -> str:
    labels = dict(Skill.choices)
    return ", ".join(str(labels[skill]) for skill in volunteer.skills if skill in labels)


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = (
        "number", "person", "is_confirmed", "state", "skills_shown", "languages", "country",
        "availability", "created_at",
    )  # fmt: skip
    list_display_links = ("number", "person")
    list_filter = ("state", ConfirmedFilter, SkillFilter, "availability", CountryFilter)
    list_per_page = 100
    actions = ("export_csv", "erase")
    fields = (
        "full_name", "email_address", "contact", "languages", "skills_shown", "country",
        "availability", "text", "language", "created_at", "confirmed_at", "state", "staff_note",
    )  # fmt: skip
    readonly_fields = (
        "full_name", "email_address", "contact", "languages", "skills_shown", "country",
        "availability", "text", "language", "created_at", "confirmed_at",
    )  # fmt: skip

    # Organisers only, whatever permissions another role might be given.

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Volunteer | None = None) -> bool:
        return is_organiser(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Volunteer | None = None) -> bool:
        return is_organiser(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Volunteer | None = None) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # volunteers sign up themselves

    # Columns.

    @admin.display(description=_("number"), ordering="pk")
    def number(self, volunteer: Volunteer) -> int:
        return volunteer.pk

    @admin.display(description=_("name"))
    def person(self, volunteer: Volunteer) -> str:
        if volunteer_is_erased(volunteer):
            return _("(erased)")
        return format_html("<bdi>{}</bdi>", volunteer.name)

    @admin.display(description=_("name"))
    def full_name(self, volunteer: Volunteer) -> str:
        return volunteer.name if not volunteer_is_erased(volunteer) else _("(erased)")

    @admin.display(description=_("email"))
    def email_address(self, volunteer: Volunteer) -> str:
        return format_html('<span dir="ltr">{}</span>', volunteer.email or "–")

    @admin.display(description=_("how to reach them safely"))
    def contact(self, volunteer: Volunteer) -> str:
        return format_html('<span dir="ltr">{}</span>', volunteer.safe_contact or "–")

    @admin.display(description=_("message"))
    def text(self, volunteer: Volunteer) -> str:
        return format_html('<div dir="auto" class="pre-line">{}</div>', volunteer.message or "–")

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def is_confirmed(self, volunteer: Volunteer) -> bool:
        return volunteer.confirmed_at is not None

    @admin.display(description=_("skills"))
    def skills_shown(self, volunteer: Volunteer) -> str:
        return _skills(volunteer)

    # Every view of personal data is audited.

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
            shown = list(response.context_data["cl"].result_list)
            if shown:
                audit_record(
                    user=request.user,
                    action=gettext_noop("view volunteers"),
                    subject="volunteers",
                    detail=f"{len(shown)} volunteers",
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
            is_organiser(request.user)
            and object_id.isdigit()
            and Volunteer.objects.filter(pk=int(object_id)).exists()
        ):
            audit_record(
                user=request.user,
                action=gettext_noop("view volunteer"),
                subject=f"volunteer {object_id}",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # Actions.

    @admin.action(description=_("Download these volunteers (CSV)"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Volunteer]) -> HttpResponse:
        count = queryset.count()
        audit_record(
            user=request.user,
            action=gettext_noop("export volunteers"),
            subject="volunteers",
            detail=f"{count} volunteers",
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        return csv_response(_rows(queryset), filename=f"volunteers-{stamp}.csv")

    @admin.action(description=_("Erase their personal details"), permissions=["change"])
    def erase(self, request: HttpRequest, queryset: QuerySet[Volunteer]) -> None:
        erased = 0
        for volunteer in queryset:
            if volunteer_is_erased(volunteer):
                continue
            volunteer_erase(volunteer=volunteer)
            self.log_change(request, volunteer, gettext_noop("Personal details erased."))
            audit_record(
                user=request.user,
                action=gettext_noop("erase volunteer"),
                subject=f"volunteer {volunteer.pk}",
            )
            erased += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d volunteer's details erased.",
                "%(count)d volunteers' details erased.",
                erased,
            )
            % {"count": erased},
        )


def _rows(volunteers: QuerySet[Volunteer]) -> Iterator[tuple[object, ...]]:
    yield CSV_COLUMNS
    for volunteer in volunteers.order_by("pk").iterator(chunk_size=500):
        yield (
            volunteer.pk,
            volunteer.name,
            volunteer.email or "",
            volunteer.safe_contact,
            volunteer.languages,
            " ".join(volunteer.skills),
            volunteer.country.code or "",
            volunteer.availability,
            volunteer.state,
            "yes" if volunteer.confirmed_at else "no",
            volunteer.language,
            volunteer.created_at.date().isoformat(),
            volunteer.message,
            volunteer.staff_note,
        )

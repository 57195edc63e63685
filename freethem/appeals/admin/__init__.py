"""Appeals and signatures in the staff area.

Organisers run appeals (and may pause signing with one button) and are the only staff who see
a signer's email, full name and IP address; each time they do (a signature's page, an export
of emails, a search by email) an entry is written to the audit log. Moderators review
signatures with their abuse signals (suspect, held, reasons, email domain) and never see an
email or IP: not in the list, the form, the search, an export or the history.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from freethem.appeals import search, services
from freethem.appeals.admin.circulation import SourceCodeAdmin  # noqa: F401 - registers

# The defences' admin (rules, limits, alerts and the trending view) registers as it loads.
from freethem.appeals.admin.defences import AlertAdmin, LimitsAdmin, RuleAdmin
from freethem.appeals.admin.exports import signatures_csv
from freethem.appeals.admin.notables import NotableAdmin, notable_status
from freethem.appeals.models import Appeal, AppealState, CountShard, Reason, Signature
from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser
from freethem.core.spreadsheet import csv_response
from freethem.core.templatetags.freethem import num

PERSONAL_FIELDSET = _("Personal data: organisers only")
PERSONAL_DESCRIPTION = _(
    "Only organisers see this. Each time this page is opened, it is written to the audit log."
)
PAUSED = _("Signing is paused: %(appeals)s.")
RESUMED = _("Signing is open again: %(appeals)s.")
MARKED = _("Marked suspect, no longer counted: %(count)s.")
CLEARED = _("No longer suspect: %(count)s.")
RELEASED = _("Released from review: %(count)s.")

# The services the actions call: a switch of an appeal's state, a mark on a signature (True
# when it changed anything).
AppealService = Callable[..., Appeal]
SignatureMark = Callable[..., bool]
Fieldsets = tuple[tuple[Any, dict[str, Any]], ...]

__all__ = [
    "AlertAdmin", "AppealAdmin", "LimitsAdmin", "NotableAdmin", "RuleAdmin", "SignatureAdmin",
    "emails_csv", "with_counts",
]  # fmt: skip


# Appeals ------------------------------------------------------------------------------------


def _signature_count(**filters: Any) -> Coalesce:
    rows = (
        Signature.objects.filter(appeal=OuterRef("pk"), **filters)
        .order_by()
        .values("appeal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _confirmed_count() -> Coalesce:
    rows = (
        CountShard.objects.filter(appeal=OuterRef("pk"))
        .order_by()
        .values("appeal")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(appeals: QuerySet[Appeal]) -> QuerySet[Appeal]:
    """Each appeal with its counts: n_confirmed (counted), n_pending (waiting for the signer's
    confirmation), n_suspect and n_held (held for review)."""
    return appeals.annotate(
        n_confirmed=_confirmed_count(),
        n_pending=_signature_count(state="pending"),
        n_suspect=_signature_count(suspect=True),
        n_held=_signature_count(held=True),
    )


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = (
        "title_en", "state", "taking_signatures", "featured", "confirmed", "pending",
        "suspect", "held", "goal", "opens_at", "closes_at",
    )  # fmt: skip
    list_filter = ("state", "featured")
    search_fields = ("title_en", "title_fa", "slug")
    actions = ("pause", "resume")
    change_form_template = "admin/appeals/appeal/change_form.html"
    fieldsets = (
        (None, {"fields": ("slug", "title_en", "title_fa", "text_en", "text_fa")}),
        (_("Signing"), {"fields": (
            "state", "featured", ("opens_at", "closes_at"), "goal", "milestones",
        )}),
        (_("Signers' data"), {"fields": ("erase_after_days",)}),
    )  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Appeal]:
        return with_counts(super().get_queryset(request))

    def get_prepopulated_fields(
        self, request: HttpRequest, obj: Appeal | None = None
    ) -> dict[str, tuple[str, ...]]:
        return {"slug": ("title_en",)} if self.has_change_permission(request, obj) else {}

    @admin.display(description=_("taking signatures"), boolean=True)
    def taking_signatures(self, appeal: Appeal) -> bool:
        return appeal.is_open

    @admin.display(description=_("confirmed"), ordering="n_confirmed")
    def confirmed(self, appeal: Appeal) -> int:
        return appeal.n_confirmed

    @admin.display(description=_("waiting for confirmation"), ordering="n_pending")
    def pending(self, appeal: Appeal) -> int:
        return appeal.n_pending

    @admin.display(description=_("suspect"), ordering="n_suspect")
    def suspect(self, appeal: Appeal) -> int:
        return appeal.n_suspect

    @admin.display(description=_("held for review"), ordering="n_held")
    def held(self, appeal: Appeal) -> int:
        return appeal.n_held

    # The switch: pause and resume signing.

    @admin.action(description=_("Pause signing"), permissions=["change"])
    def pause(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> None:
        self.switch(request, queryset, services.appeal_pause, PAUSED)

    @admin.action(description=_("Resume signing"), permissions=["change"])
    def resume(self, request: HttpRequest, queryset: QuerySet[Appeal]) -> None:
        self.switch(request, queryset, services.appeal_resume, RESUMED)

    def switch(
        self, request: HttpRequest, appeals: Iterable[Appeal], service: AppealService, done: str
    ) -> None:
        switched = []
        for appeal in appeals:
            try:
                service(appeal=appeal)
            except ValidationError as error:
                self.message_user(request, f"{appeal}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.log_change(request, appeal, [{"changed": {"fields": ["state"]}}])
                switched.append(str(appeal))
        if switched:
            self.message_user(request, gettext(done) % {"appeals": ", ".join(switched)})

    def signing_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The button on an appeal's page: pause or resume signing."""
        appeal = self.get_object(request, unquote(object_id))
        if appeal is None:
            raise Http404
        if request.method != "POST" or not self.has_change_permission(request, appeal):
            raise PermissionDenied
        if request.POST.get("signing") == "pause":
            self.switch(request, [appeal], services.appeal_pause, PAUSED)
        elif request.POST.get("signing") == "resume":
            self.switch(request, [appeal], services.appeal_resume, RESUMED)
        return redirect(reverse("admin:appeals_appeal_change", args=[appeal.pk]))

    def emails_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        appeal = self.get_object(request, unquote(object_id))
        if appeal is None:
            raise Http404
        return emails_csv(request, Signature.objects.filter(appeal=appeal), appeal.slug)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/signing/",
                view(self.signing_view),
                name="appeals_appeal_signing",
            ),
            path("<path:object_id>/emails.csv", view(self.emails_view), name="appeals_emails"),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Appeal | None = None,
    ) -> HttpResponse:
        context["may_switch"] = obj is not None and self.has_change_permission(request, obj)
        context["may_export_emails"] = is_organiser(request.user)
        context["paused"] = obj is not None and obj.state == AppealState.PAUSED
        context["open"] = obj is not None and obj.state == AppealState.OPEN
        return super().render_change_form(request, context, add, change, form_url, obj)


# Signatures ---------------------------------------------------------------------------------

SIGNATURE_FIELDSETS = (
    (None, {"fields": (
        "appeal", "public_name", "display", "country", "city", "affiliation", "language",
        "notable",
    )}),
    (_("State and abuse signals"), {"fields": (
        "state", "suspect", "held", "reason_list", "email_domain", "created_at", "confirmed_at",
    )}),
)  # fmt: skip
# Organisers see the notable mark with a link to verify and mark, or to change it.
ORGANISER_FIELDSETS = tuple(
    (title, {**options, "fields": tuple(
        "notable_status" if name == "notable" else name for name in options["fields"]
    )})
    for title, options in SIGNATURE_FIELDSETS
)  # fmt: skip
PERSONAL_FIELDS = ("full_name", "email_address", "ip_address", "wants_updates")
# The history's record of a moderation action: the fields by their labels, in English, as
# Django records them (it translates them when the history is shown).
MARKS_CHANGED = [{"changed": {"fields": ["suspect", "held for review"]}}]
# What staff may change by hand: a name shown on the list (to take an insult off it, say).
# Suspect and held change only through the actions, which keep the count; the notable mark
# only with a verification, by organisers (admin/notables.py).
EDITABLE = ("public_name",)


class ReasonFilter(admin.SimpleListFilter):
    """Signatures with one reason among their space-separated codes, chosen by its words."""

    title = _("reason")
    parameter_name = "reason"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return list(Reason.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Signature]) -> QuerySet:
        code = self.value()
        if code not in Reason.values:
            return queryset
        return queryset.filter(
            Q(reasons=code)
            | Q(reasons__startswith=f"{code} ")
            | Q(reasons__endswith=f" {code}")
            | Q(reasons__contains=f" {code} ")
        )


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    # Narrow enough for 1280 px beside the menu and the filters: the state and both abuse
    # marks in one column of words, the reasons in words, one date.
    list_display = ("signer", "appeal_title", "country", "status", "reason_list", "signed_at")
    list_filter = (
        "appeal", "state", "suspect", "held", ReasonFilter, "display", "notable",
        "wants_updates", ("country", CountryFilter),
    )  # fmt: skip
    list_select_related = ("appeal",)
    search_fields = ("public_name", "city", "affiliation", "email_domain", "reasons")
    search_help_text = _(
        "Searches shown names, cities, affiliations, email domains and reasons. Organisers can "
        "also find a signature by its full email address."
    )
    show_full_result_count = False  # a viral appeal has millions of rows
    actions = (
        "mark_suspect", "clear_suspect", "release_held", "export_emails", "export_signatures",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # signatures come from the sign form only

    def get_fieldsets(self, request: HttpRequest, obj: Signature | None = None) -> Fieldsets:
        if not is_organiser(request.user):
            return SIGNATURE_FIELDSETS
        personal = {"fields": PERSONAL_FIELDS, "description": PERSONAL_DESCRIPTION}
        return (*ORGANISER_FIELDSETS, (PERSONAL_FIELDSET, personal))

    def get_readonly_fields(
        self, request: HttpRequest, obj: Signature | None = None
    ) -> tuple[str, ...]:
        shown = [
            name
            for _title, options in self.get_fieldsets(request, obj)
            for name in options["fields"]
        ]
        return tuple(name for name in shown if name not in EDITABLE)

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        # The appeal column says nothing when the list shows one appeal's signatures.
        if "appeal__id__exact" in request.GET or Appeal.objects.count() < 2:
            return tuple(name for name in self.list_display if name != "appeal_title")
        return self.list_display

    @admin.display(description=_("signature"), ordering="public_name")
    def signer(self, signature: Signature) -> str:
        return format_html("<bdi>{}</bdi>", signature)

    @admin.display(description=_("appeal"), ordering="appeal")
    def appeal_title(self, signature: Signature) -> str:
        return format_html("<bdi>{}</bdi>", signature.appeal)

    @admin.display(description=_("state"), ordering="state")
    def status(self, signature: Signature) -> str:
        words = [signature.get_state_display()]
        words += [gettext("held for review")] if signature.held else []
        words += [gettext("suspect")] if signature.suspect else []
        return format_html_join(mark_safe("<br>"), "{}", ([word] for word in words))

    @admin.display(description=_("reasons"))
    def reason_list(self, signature: Signature) -> str:
        labels = ([label] for label in signature.reason_labels)
        return format_html_join(mark_safe("<br>"), "{}", labels) or self.get_empty_value_display()

    @admin.display(description=_("signed at"), ordering="created_at")
    def signed_at(self, signature: Signature) -> str:
        when = timezone.localtime(signature.created_at)
        shown = num(formats.date_format(when, "SHORT_DATETIME_FORMAT"))
        return format_html('<time datetime="{}">{}</time>', when.isoformat(), shown)

    @admin.display(description=_("notable signatory"))
    def notable_status(self, signature: Signature) -> str:
        """Whether the signer is a verified notable; for organisers, where to change that."""
        return notable_status(signature, self.admin_site.name)

    # Shown only in the organisers' fieldset (get_fieldsets).

    @admin.display(description=_("full name"))
    def full_name(self, signature: Signature) -> str:
        return signature.name or gettext("(erased)")

    @admin.display(description=_("email"))
    def email_address(self, signature: Signature) -> str:
        return signature.email or gettext("(erased)")

    @admin.display(description=_("IP address"))
    def ip_address(self, signature: Signature) -> str:
        return signature.ip or gettext("(erased)")

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if is_organiser(request.user) and self.has_view_permission(request):
            audit_record(
                user=request.user,
                action=gettext_noop("view signature"),
                subject=f"signature {object_id}",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Signature], search_term: str
    ) -> tuple[QuerySet[Signature], bool]:
        term = search_term.strip()
        if "@" in term and " " not in term and is_organiser(request.user):
            audit_record(
                user=request.user,
                action=gettext_noop("search signatures by email"),
                subject="signatures",
            )
            return queryset.filter(email_hash=services.email_hash(term)), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(
        self, request: HttpRequest, obj: Signature, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        search.keys_write([obj])  # the name shown may have changed: the list's search follows

    # Deleting (organisers, at a signer's request by mail, say): as a withdrawal, off the count.

    def delete_model(self, request: HttpRequest, obj: Signature) -> None:
        services.signature_withdraw(signature=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Signature]) -> None:
        for signature in queryset:
            services.signature_withdraw(signature=signature)

    # Moderation.

    @admin.action(description=_("Mark suspect (not counted)"), permissions=["change"])
    def mark_suspect(self, request: HttpRequest, queryset: QuerySet[Signature]) -> None:
        self.mark(request, queryset, services.signature_mark_suspect, MARKED)

    @admin.action(description=_("Clear the suspect mark"), permissions=["change"])
    def clear_suspect(self, request: HttpRequest, queryset: QuerySet[Signature]) -> None:
        self.mark(request, queryset, services.signature_clear_suspect, CLEARED)

    @admin.action(description=_("Release from review"), permissions=["change"])
    def release_held(self, request: HttpRequest, queryset: QuerySet[Signature]) -> None:
        self.mark(request, queryset, services.signature_release, RELEASED)

    def mark(
        self, request: HttpRequest, queryset: QuerySet[Signature], service: SignatureMark, done: str
    ) -> None:
        changed = [signature for signature in queryset if service(signature=signature)]
        for signature in changed:
            self.log_change(request, signature, MARKS_CHANGED)
        self.message_user(request, gettext(done) % {"count": len(changed)})

    # Export of emails (organisers).

    def has_export_emails_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    @admin.action(
        description=_("Export the emails of those who asked for updates (CSV)"),
        permissions=["export_emails"],
    )
    def export_emails(self, request: HttpRequest, queryset: QuerySet[Signature]) -> HttpResponse:
        return emails_csv(request, queryset, "selection")

    @admin.action(description=_("Export these signatures (CSV)"), permissions=["view"])
    def export_signatures(
        self, request: HttpRequest, queryset: QuerySet[Signature]
    ) -> HttpResponse:
        return signatures_csv(request, queryset, "signatures")


# Export of emails ---------------------------------------------------------------------------

EXPORT_COLUMNS = ("email", "name", "language", "country", "appeal")


def _email_rows(signatures: QuerySet[Signature]) -> Iterator[tuple[object, ...]]:
    # Rows, not model instances, 2,000 at a time, decrypted as they go (constant memory).
    yield EXPORT_COLUMNS
    fields = ("email", "name", "language", "country", "appeal__slug")
    yield from signatures.values_list(*fields).iterator(chunk_size=2000)


def emails_csv(request: HttpRequest, signatures: QuerySet[Signature], label: str) -> HttpResponse:
    """The emails of confirmed, counted signers who asked for updates, as CSV; audited."""
    if not is_organiser(request.user):
        raise PermissionDenied
    opted_in = signatures.confirmed().filter(wants_updates=True, email__isnull=False).order_by("pk")
    count = opted_in.count()
    appeals = Appeal.objects.filter(pk__in=opted_in.values("appeal_id")).order_by("slug")
    slugs = list(appeals.values_list("slug", flat=True))
    audit_record(
        user=request.user,
        action=gettext_noop("export emails"),
        subject=", ".join(slugs) or label,
        detail=f"{count} addresses",
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return csv_response(_email_rows(opted_in), filename=f"emails-{label}-{stamp}.csv")


# The newspaper ad and delivery pack PDFs (organisers only), the review queue and bulk
# invalidation register as they load.
from freethem.appeals.admin import publication, review  # noqa: E402, F401

"""Moderation at scale in the staff area: the review queue, and bulk invalidation by condition.

The review queue (/staff/appeals/reviewsignature/) lists held and suspect signatures no one has
decided on, with their reasons in words, filterable by reason, appeal, country (and source,
once circulation registers it); approve or reject a selection, or every signature matching the
filters, after a page that shows how many and asks why. Bulk invalidation
(/staff/appeals/invalidation/add/) previews what a condition matches and how each appeal's count
moves, runs exactly that, and is undone with one click from its page. Moderators and organisers
use both (the signature's permissions); neither page shows an email or IP. The services
(services/review.py) write the audit log.
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.filters import CountryFilter

from freethem.appeals import services
from freethem.appeals.admin import ReasonFilter, SignatureAdmin
from freethem.appeals.admin.exports import signatures_csv
from freethem.appeals.models import Appeal, Invalidation, ReviewSignature, Signature
from freethem.appeals.services import Conditions
from freethem.appeals.services.review import has_reason

APPROVED = _("Approved: %(count)s.")
REJECTED = _("Rejected: %(count)s.")
NUMBER_CHANGED = _(
    "The number of signatures matching the filters changed since this page was shown: "
    "check the new number."
)
INVALIDATED = _("Invalidated: %(count)s signatures, %(uncounted)s taken off the count.")
UNDONE = _("Undone: %(count)s signatures restored.")
WHY_HELP = _("Kept in the audit log with your name and the number of signatures.")


def may_view(request: HttpRequest) -> bool:
    return request.user.has_perm("appeals.view_signature")


def may_change(request: HttpRequest) -> bool:
    return request.user.has_perm("appeals.change_signature")


class SignaturePermissions:
    """Whoever may view or change signatures may use these pages (the role grants no separate
    permissions for them); nothing here is added or deleted by hand."""

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return may_view(request) or may_change(request)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return may_change(request)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_view(request)


# The review queue ---------------------------------------------------------------------------


class DecisionFilter(admin.SimpleListFilter):
    """The queue by default; the rejected signatures on request (to approve one after all)."""

    title = _("decision")
    parameter_name = "decision"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("rejected", _("rejected"))]

    def choices(self, changelist: ChangeList) -> Iterator[dict[str, Any]]:
        choices = super().choices(changelist)
        everything = next(choices)  # no value: the queue itself, not "All"
        yield {**everything, "display": _("waiting for a decision")}
        yield from choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        rejected = has_reason(services.review.REJECTED)
        if self.value() == "rejected":
            return queryset.filter(rejected)
        return queryset.exclude(rejected)


class ExtraConditionFilter(admin.SimpleListFilter):
    """A condition another subject registers (circulation's source codes): shown once it is."""

    name = "source"
    title = _("source")
    parameter_name = "source"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        condition = services.EXTRA_CONDITIONS.get(self.name)
        return condition.choices() if condition else []

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        condition = services.EXTRA_CONDITIONS.get(self.name)
        if condition is None or not self.value():
            return queryset
        return condition.matches(queryset, self.value())


class DecisionForm(forms.Form):
    why = forms.CharField(
        label=_("Why"), max_length=400, widget=forms.Textarea(attrs={"rows": 3}), help_text=WHY_HELP
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


@admin.register(ReviewSignature)
class ReviewSignatureAdmin(SignaturePermissions, admin.ModelAdmin):
    list_display = (
        "signer", "appeal_title", "country", "status", "reason_list", "email_domain", "signed_at",
    )  # fmt: skip
    list_display_links = None
    list_filter = (
        DecisionFilter, ReasonFilter, "appeal", ("country", CountryFilter), ExtraConditionFilter,
    )  # fmt: skip
    list_select_related = ("appeal",)
    search_fields = ("public_name", "email_domain")
    search_help_text = _("Searches shown names and email domains.")
    show_full_result_count = False
    actions = ("approve", "reject", "export_signatures")
    ordering = ("-created_at",)
    change_list_template = "admin/appeals/review/change_list.html"

    status = SignatureAdmin.status
    reason_list = SignatureAdmin.reason_list
    signed_at = SignatureAdmin.signed_at
    appeal_title = SignatureAdmin.appeal_title

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Signature]:
        # Held or suspect, not invalidated in bulk: DecisionFilter narrows it further.
        held_or_suspect = Q(held=True) | Q(suspect=True)
        return (
            super()
            .get_queryset(request)
            .filter(held_or_suspect)
            .exclude(has_reason(services.review.INVALIDATED))
        )

    def get_urls(self) -> list[URLPattern]:
        # A list only: each signature's own page is the signatures' (SignatureAdmin).
        view = self.admin_site.admin_view(self.changelist_view)
        return [path("", view, name="appeals_reviewsignature_changelist")]

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("signature"), ordering="public_name")
    def signer(self, signature: Signature) -> str:
        url = reverse("admin:appeals_signature_change", args=[signature.pk])
        return format_html('<a href="{}"><bdi>{}</bdi></a>', url, signature)

    @admin.action(description=_("Approve: release, clear and count"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self.decide(request, queryset, "approve")

    @admin.action(description=_("Reject: keep off the count"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self.decide(request, queryset, "reject")

    @admin.action(description=_("Export these signatures (CSV)"), permissions=["view"])
    def export_signatures(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return signatures_csv(request, queryset, "review queue")

    def decide(self, request: HttpRequest, queryset: QuerySet, action: str) -> HttpResponse | None:
        """A page that shows how many signatures and asks why; on its confirmation, the
        decision (if the number is still the same)."""
        count = queryset.count()
        form = DecisionForm(request.POST if "confirm" in request.POST else None)
        changed = False
        if form.is_valid():
            if form.cleaned_data["expected"] == count:
                return self._decided(request, queryset, action, form.cleaned_data["why"])
            form = DecisionForm(initial={"expected": count, "why": form.cleaned_data["why"]})
            changed = True
        elif not form.is_bound:
            form = DecisionForm(initial={"expected": count})
        select_across = request.POST.get("select_across") == "1"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Approve signatures") if action == "approve" else _("Reject signatures"),
            "action": action,
            "count": count,
            "select_across": select_across,
            "selected": [] if select_across else request.POST.getlist(ACTION_CHECKBOX_NAME),
            "form": form,
            "changed": NUMBER_CHANGED if changed else "",
            "checkbox_name": ACTION_CHECKBOX_NAME,
            "back": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/appeals/review/decide.html", context)

    def _decided(self, request: HttpRequest, queryset: QuerySet, action: str, why: str) -> None:
        service = services.review_approve if action == "approve" else services.review_reject
        changed = service(signatures=queryset, user=request.user, why=why)
        done = APPROVED if action == "approve" else REJECTED
        self.message_user(request, gettext(done) % {"count": changed}, messages.SUCCESS)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        extra = {
            "title": _("Review queue"),
            "invalidate_url": reverse("admin:appeals_invalidation_add"),
        }
        return super().changelist_view(request, {**(extra_context or {}), **extra})


# Bulk invalidation --------------------------------------------------------------------------


class ConditionsForm(forms.Form):
    """The conditions, as staff type them; at least one."""

    appeal = forms.ModelChoiceField(Appeal.objects.all(), label=_("Appeal"), required=False)
    network = forms.CharField(
        label=_("IP address or network"),
        required=False,
        max_length=60,
        help_text=_(
            "An address or a range: 203.0.113.7, 203.0.113.0/24, 2001:db8::/48. Addresses are "
            "kept 30 days; after that a signature is found by its /24 or /48 only."
        ),
    )
    domain = forms.CharField(
        label=_("Email domain"),
        required=False,
        max_length=253,
        help_text=_("Its subdomains too."),
    )
    since = forms.DateTimeField(
        label=_("Signed from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    until = forms.DateTimeField(
        label=_("Signed before"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *countries]
        for name, condition in services.EXTRA_CONDITIONS.items():
            choices = [("", "---------"), *condition.choices()]
            self.fields[f"extra_{name}"] = forms.ChoiceField(
                label=condition.label, required=False, choices=choices
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        data["conditions"] = conditions = Conditions(
            appeal=data["appeal"].pk if data.get("appeal") else None,
            network=data.get("network", "").strip(),
            domain=data.get("domain", "").strip(),
            since=data.get("since"),
            until=data.get("until"),
            country=data.get("country", ""),
            extra=tuple(
                (name, data.get(f"extra_{name}", "")) for name in services.EXTRA_CONDITIONS
            ),
        )
        try:
            services.signatures_matching(conditions)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return data


class RunForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=WHY_HELP,
    )


def conditions_in_words(conditions: Conditions) -> list[tuple[str, str]]:
    """(label, value) of each condition given, for the pages."""
    words = []
    if conditions.appeal:
        appeal = Appeal.objects.filter(pk=conditions.appeal).first()
        words.append((gettext("Appeal"), str(appeal or conditions.appeal)))
    if conditions.network:
        words.append((gettext("IP address or network"), conditions.network))
    if conditions.domain:
        words.append((gettext("Email domain"), conditions.domain))
    if conditions.since:
        words.append((gettext("Signed from"), conditions.since))
    if conditions.until:
        words.append((gettext("Signed before"), conditions.until))
    if conditions.country:
        words.append((gettext("Country"), str(dict(countries).get(conditions.country, ""))))
    for name, value in conditions.extra:
        condition = services.EXTRA_CONDITIONS.get(name)
        if value:
            words.append((str(condition.label) if condition else name, value))
    return words


@admin.register(Invalidation)
class InvalidationAdmin(SignaturePermissions, admin.ModelAdmin):
    list_display = ("created_at", "username", "conditions_shown", "changed", "uncounted", "undone")
    fields = (
        "created_at", "username", "conditions_shown", "reason", "changed", "uncounted",
        "undone_at", "undone_by",
    )  # fmt: skip
    readonly_fields = fields
    change_form_template = "admin/appeals/review/invalidation_change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_change(request)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a record: undone, never edited

    @admin.display(description=_("conditions"))
    def conditions_shown(self, invalidation: Invalidation) -> str:
        words = conditions_in_words(Conditions.from_json(invalidation.conditions))
        return "; ".join(f"{label}: {value}" for label, value in words)

    @admin.display(description=_("undone"), boolean=True)
    def undone(self, invalidation: Invalidation) -> bool:
        return invalidation.undone_at is not None

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/undo/", view(self.undo_view), name="appeals_invalidation_undo"),
            *super().get_urls(),
        ]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ConditionsForm(request.POST or request.GET or None)
        run = RunForm(request.POST or None)
        preview = None
        if form.is_valid():
            conditions = form.cleaned_data["conditions"]
            if request.method == "POST" and run.is_valid():
                done = self._run(request, conditions, run)
                if done is not None:
                    return done
            preview = services.invalidation_preview(conditions=conditions)
            if request.method != "POST" or run.is_valid():
                run = RunForm(initial={"fingerprint": preview.fingerprint})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Invalidate signatures by condition"),
            "form": form,
            "run": run,
            "preview": preview,
            "words": conditions_in_words(preview.conditions) if preview else [],
        }
        return TemplateResponse(request, "admin/appeals/review/invalidation_form.html", context)

    def _run(
        self, request: HttpRequest, conditions: Conditions, run: RunForm
    ) -> HttpResponseRedirect | None:
        try:
            done = services.invalidation_run(
                conditions=conditions,
                fingerprint=run.cleaned_data["fingerprint"],
                user=request.user,
                reason=run.cleaned_data["reason"],
            )
        except ValidationError as error:
            run.add_error(None, error.messages)
            return None
        counts = {"count": done.changed, "uncounted": done.uncounted}
        self.message_user(request, gettext(INVALIDATED) % counts, messages.SUCCESS)
        return redirect(reverse("admin:appeals_invalidation_change", args=[done.pk]))

    def undo_view(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        invalidation = self.get_object(request, unquote(object_id))
        if invalidation is None:
            raise Http404
        if request.method != "POST" or not may_change(request):
            raise PermissionDenied
        try:
            restored = services.invalidation_undo(invalidation=invalidation, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, gettext(UNDONE) % {"count": restored}, messages.SUCCESS)
        return redirect(reverse("admin:appeals_invalidation_change", args=[invalidation.pk]))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Invalidation | None = None,
    ) -> HttpResponse:
        context["may_undo"] = obj is not None and obj.undone_at is None and may_change(request)
        return super().render_change_form(request, context, add, change, form_url, obj)


__all__ = ["InvalidationAdmin", "ReviewSignatureAdmin"]

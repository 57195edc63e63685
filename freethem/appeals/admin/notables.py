"""Notable signatories in the staff area (/staff/appeals/notable/): organisers only.

Marking a signature notable is one form whose first part records how the signer's identity was
verified (who: the organiser; when; by what means; a note such as the post's address) and
whose second part is what the public sees (a description, a statement of support). The notable
is shown on the appeal's page once the form is saved, never before. Deleting the row un-marks
the signature. Every change goes through services.notables, which audits it. Moderators see
nothing of this module: they review signatures, they do not vouch for anyone.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from freethem.appeals import services
from freethem.appeals.models import Notable, Signature, VerificationMeans
from freethem.appeals.services.notables import notable_check
from freethem.core.roles import is_organiser
from freethem.core.templatetags.freethem import num

VERIFICATION = _("1. How the signer's identity was verified")
VERIFICATION_HELP = _(
    "Record this first: a notable signatory is shown only with a verification. You are "
    "recorded as the one who verified."
)
SHOWN = _("2. What the public sees")
VERIFICATION_FIELDS = ("signature", "verified_at", "means", "note")
SHOWN_FIELDS = ("description_en", "description_fa", "statement_en", "statement_fa")
MARK_LINK = _("verify and mark notable")
CHANGE_LINK = _("change or un-mark")
NOT_NOTABLE = _("not notable")
RECORDED_FIELDS = ("signature_link", "verified_by_name", "verified_at", "means", "note")


class NotableForm(forms.ModelForm):
    """The verification, then what is shown; checked as the service checks it, so that a
    refusal is shown on the form."""

    user: Any = None  # the organiser, set by NotableAdmin.get_form

    class Meta:
        model = Notable
        fields = [*VERIFICATION_FIELDS, *SHOWN_FIELDS]
        widgets = {
            "means": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
            "statement_en": forms.Textarea(attrs={"rows": 4}),
            "statement_fa": forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
            "description_fa": forms.TextInput(attrs={"dir": "rtl"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "verified_at" in self.fields:
            self.fields["verified_at"].initial = timezone.now
        if "means" in self.fields:  # radio buttons without the empty "---------" one
            self.fields["means"].choices = VerificationMeans.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        signature = data.get("signature")
        if signature is not None and not self.instance.pk:
            try:
                notable_check(signature=signature, user=self.user)
            except ValidationError as error:
                self.add_error("signature", error)
        return data


@admin.register(Notable)
class NotableAdmin(admin.ModelAdmin):
    form = NotableForm
    list_display = ("signer", "appeal", "shown_as", "means", "verified_by_name", "verified")
    list_filter = ("signature__appeal", "means")
    list_select_related = ("signature__appeal",)
    search_fields = ("signature__public_name", "description_en", "description_fa")
    raw_id_fields = ("signature",)

    # Organisers only: the verification notes name who vouched and how.

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Notable | None = None) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Notable | None = None) -> bool:
        return is_organiser(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Notable | None = None) -> bool:
        return is_organiser(request.user)

    def get_fieldsets(
        self, request: HttpRequest, obj: Notable | None = None
    ) -> tuple[tuple[Any, dict[str, Any]], ...]:
        verification = VERIFICATION_FIELDS if obj is None else RECORDED_FIELDS
        return (
            (VERIFICATION, {"fields": verification, "description": VERIFICATION_HELP}),
            (SHOWN, {"fields": SHOWN_FIELDS}),
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Notable | None = None
    ) -> tuple[str, ...]:
        # The verification is a record: to correct it, un-mark and mark again.
        return () if obj is None else RECORDED_FIELDS

    def get_form(
        self, request: HttpRequest, obj: Notable | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "signature":
            kwargs["queryset"] = Signature.objects.select_related("appeal")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("signature"), ordering="signature__public_name")
    def signer(self, notable: Notable) -> str:
        return format_html("<bdi>{}</bdi>", notable.signature)

    @admin.display(description=_("appeal"), ordering="signature__appeal")
    def appeal(self, notable: Notable) -> str:
        return format_html("<bdi>{}</bdi>", notable.signature.appeal)

    @admin.display(description=_("description"))
    def shown_as(self, notable: Notable) -> str:
        return format_html("<bdi>{}</bdi>", notable.description)

    @admin.display(description=_("verified at"), ordering="verified_at")
    def verified(self, notable: Notable) -> str:
        when = timezone.localtime(notable.verified_at)
        shown = num(formats.date_format(when, "SHORT_DATETIME_FORMAT"))
        return format_html('<time datetime="{}">{}</time>', when.isoformat(), shown)

    @admin.display(description=_("signature"))
    def signature_link(self, notable: Notable) -> str:
        return format_html("<bdi>{}</bdi>", notable.signature)

    def save_model(
        self, request: HttpRequest, obj: Notable, form: NotableForm, change: bool
    ) -> None:
        shown = {name: form.cleaned_data.get(name, "") for name in SHOWN_FIELDS}
        if change:
            services.notable_update(notable=obj, user=request.user, **shown)
            return
        saved = services.notable_mark(
            signature=form.cleaned_data["signature"],
            verified_by=request.user,
            verified_at=form.cleaned_data["verified_at"],
            means=form.cleaned_data["means"],
            note=form.cleaned_data["note"],
            **shown,
        )
        obj.pk, obj._state.adding = saved.pk, False

    # Deleting is un-marking (audited).

    def delete_model(self, request: HttpRequest, obj: Notable) -> None:
        services.notable_unmark(signature=obj.signature, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Notable]) -> None:
        for notable in queryset.select_related("signature"):
            services.notable_unmark(signature=notable.signature, user=request.user)


def notable_status(signature: Signature, site: str) -> str:
    """A signature's notable mark as its staff page shows it (with a link for organisers:
    the link is to a page only they may open)."""
    notable = getattr(signature, "notable_record", None)
    if notable is not None:
        url = reverse(f"{site}:appeals_notable_change", args=[notable.pk])
        return format_html('{} (<a href="{}">{}</a>)', notable.description, url, CHANGE_LINK)
    url = reverse(f"{site}:appeals_notable_add") + f"?signature={signature.pk}"
    return format_html('{} (<a href="{}">{}</a>)', NOT_NOTABLE, url, MARK_LINK)

"""Fundraising in the staff area.

Drives are edited with their expenses inline; the list shows each drive's totals as its public
pages count them (confirmed gifts in the drive's currency). Gifts are for organisers only: an
offline gift's donor name and email are personal data (encrypted), shown on the gift's own
page, and each such page is written to the audit log. Organisers add an offline gift (a bank
transfer, cash at an event) from the drive's page or the gifts' list: it is confirmed at once,
and they are named as who entered it. Online gifts come from the processor; staff may correct
one (a partial refund) but not add or delete it. The webhook's events are listed read-only.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import F, QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from freethem.actions.models import Drive, Expense, Gift, PaymentEvent
from freethem.actions.money import money
from freethem.actions.services import support as services
from freethem.actions.vocab import GiftSource
from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser
from freethem.core.staff import AutoDirection
from freethem.core.templatetags.freethem import grouped

OTHER_CURRENCY = _("An expense must be in the drive's currency (%(currency)s).")


class ExpenseFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        currency = self.instance.currency
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data and not data.get("DELETE") and data.get("currency") not in (None, currency):
                form.add_error("currency", OTHER_CURRENCY % {"currency": currency})


class ExpenseInline(AutoDirection, admin.TabularInline):
    model = Expense
    formset = ExpenseFormSet
    extra = 1
    fields = ("spent_on", "amount", "currency", "description_en", "description_fa")

    def get_formset(self, request: HttpRequest, obj: Drive | None = None, **kwargs: Any) -> Any:  # noqa: ANN401
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["currency"].initial = obj.currency if obj else "USD"
        return formset


@admin.register(Drive)
class DriveAdmin(admin.ModelAdmin):
    list_display = (
        "title_en", "state", "deadline", "goal_shown", "raised", "gift_count", "spent",
        "gifts_link",
    )  # fmt: skip
    list_filter = ("state",)
    search_fields = ("title_en", "title_fa", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = (ExpenseInline,)
    fieldsets = (
        (None, {"fields": ("slug", "state", "goal", "currency", "opens_on", "deadline")}),
        (_("Texts"), {"fields": ("title_en", "title_fa", "purpose_en", "purpose_fa")}),
        (_("How to give offline"), {"fields": ("offline_en", "offline_fa")}),
        (_("Report"), {"fields": ("report_en", "report_fa")}),
    )

    def _totals(self, drive: Drive) -> services.Totals:
        return services.drive_totals(drive)

    @admin.display(description=_("goal"), ordering="goal")
    def goal_shown(self, drive: Drive) -> str:
        return money(drive.goal, drive.currency)

    @admin.display(description=_("raised"))
    def raised(self, drive: Drive) -> str:
        return money(self._totals(drive).raised, drive.currency)

    @admin.display(description=_("gifts"))
    def gift_count(self, drive: Drive) -> str:
        return grouped(self._totals(drive).gifts)

    @admin.display(description=_("spent"))
    def spent(self, drive: Drive) -> str:
        return money(self._totals(drive).spent, drive.currency)

    @admin.display(description=_("gifts"))
    def gifts_link(self, drive: Drive) -> str:
        gifts = reverse("admin:actions_gift_changelist") + f"?drive__id__exact={drive.pk}"
        add = reverse("admin:actions_gift_add") + f"?drive={drive.pk}"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            gifts,
            gettext("List"),
            add,
            gettext("Add an offline gift"),
        )


class OtherCurrencyFilter(admin.SimpleListFilter):
    """Confirmed gifts paid in another currency than their drive's: not added to its totals."""

    title = _("currency")
    parameter_name = "currency"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("other", _("not the drive's: not added"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Gift]) -> QuerySet[Gift]:
        if self.value() == "other":
            return queryset.filter(state="confirmed").exclude(currency=F("drive__currency"))
        return queryset


class OfflineGiftForm(forms.ModelForm):
    class Meta:
        model = Gift
        fields = (
            "drive", "amount", "currency", "received_on", "name", "email", "public_name", "note",
        )  # fmt: skip
        widgets = {"name": forms.TextInput, "email": forms.EmailInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["currency"].required = False
        self.fields["currency"].help_text = _("Leave empty for the drive's currency.")
        self.fields["received_on"].required = True
        self.fields["email"].required = False


@admin.register(Gift)
class GiftAdmin(admin.ModelAdmin):
    list_display = (
        "created_at", "drive", "amount_shown", "source", "state", "counted", "public_name",
        "received_on",
    )  # fmt: skip
    list_filter = ("drive", "source", "state", OtherCurrencyFilter)
    list_select_related = ("drive",)
    list_per_page = 100
    search_fields = ("reference", "payment_id", "public_name")
    change_fields = (
        "drive", "source", "amount", "currency", "state", "counted", "public_name", "name",
        "email_shown", "reference", "payment_id", "received_on", "created_at", "confirmed_at",
        "entered_by", "note",
    )  # fmt: skip
    editable = ("amount", "state", "public_name", "note")

    # Organisers only, whatever permissions a role is given: donors are personal data.

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Gift | None = None) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Gift | None = None) -> bool:
        return is_organiser(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Gift | None = None) -> bool:
        # An offline gift entered in error; an online one is the processor's record.
        return is_organiser(request.user) and (obj is None or obj.source == GiftSource.OFFLINE)

    def get_form(
        self, request: HttpRequest, obj: Gift | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        if obj is None:
            kwargs["form"] = OfflineGiftForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Gift | None = None) -> tuple[str, ...]:
        return OfflineGiftForm.Meta.fields if obj is None else self.change_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Gift | None = None) -> tuple:
        if obj is None:
            return ()
        return tuple(name for name in self.change_fields if name not in self.editable)

    # Columns.

    @admin.display(description=_("amount"), ordering="amount")
    def amount_shown(self, gift: Gift) -> str:
        return money(gift.amount, gift.currency)

    @admin.display(description=_("counted"), boolean=True)
    def counted(self, gift: Gift) -> bool:
        return gift.is_counted

    @admin.display(description=_("email"))
    def email_shown(self, gift: Gift) -> str:
        return format_html('<span dir="ltr">{}</span>', gift.email or "")

    # Writes go through the services.

    def save_model(
        self, request: HttpRequest, obj: Gift, form: forms.ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        if change:
            services.gift_correct(
                gift=obj,
                amount=data["amount"],
                state=data["state"],
                public_name=data["public_name"],
                note=data["note"],
            )
            return
        gift = services.gift_record_offline(
            drive=data["drive"],
            amount=data["amount"],
            currency=data["currency"],
            received_on=data["received_on"],
            name=data["name"],
            email=data["email"],
            public_name=data["public_name"],
            note=data["note"],
            entered_by=request.user,
        )
        obj.pk = gift.pk

    def delete_model(self, request: HttpRequest, obj: Gift) -> None:
        drive_id = obj.drive_id
        super().delete_model(request, obj)
        services.totals_forget(drive_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Gift]) -> None:
        drives = set(queryset.values_list("drive_id", flat=True))
        queryset.filter(source=GiftSource.OFFLINE).delete()
        for drive_id in drives:
            services.totals_forget(drive_id)

    # A gift's page shows the donor's name and email: audited.

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if is_organiser(request.user) and object_id.isdigit():
            audit_record(
                user=request.user, action=gettext_noop("view gift"), subject=f"gift {object_id}"
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(PaymentEvent)
class PaymentEventAdmin(admin.ModelAdmin):
    """What the processor's webhook delivered and did: for organisers who wonder why a gift is
    (not) counted. Read-only: only the webhook writes here."""

    list_display = ("received_at", "kind", "outcome", "gift", "event_id")
    list_filter = ("outcome", "kind")
    search_fields = ("event_id", "reference")
    readonly_fields = ("event_id", "kind", "reference", "gift", "outcome", "received_at")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_view_permission(self, request: HttpRequest, obj: PaymentEvent | None = None) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PaymentEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PaymentEvent | None = None) -> bool:
        return False

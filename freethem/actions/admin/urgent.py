"""Urgent actions in the staff area: one page per action, with the officials to write to (and
embassies to copy) and the model letters inline. Researchers write them (apps.py roles); the
count of supporters who took the action is shown, never edited."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freethem.actions.models import ModelLetter, Official, UrgentAction
from freethem.actions.vocab import State
from freethem.core.staff import AutoDirection


class OpenFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("open", _("Open")), ("expired", _("Expired")), ("draft", _("Draft"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = timezone.localdate()
        if self.value() == "open":
            return queryset.filter(state=State.PUBLISHED, expires_on__gte=today)
        if self.value() == "expired":
            return queryset.filter(state=State.PUBLISHED, expires_on__lt=today)
        if self.value() == "draft":
            return queryset.filter(state=State.DRAFT)
        return queryset


class OfficialInline(AutoDirection, admin.StackedInline):
    model = Official
    extra = 0
    fields = (
        ("role", "position"),
        ("name", "title"),
        "address",
        ("email", "fax"),
        ("salutation", "language", "country"),
    )


class ModelLetterInline(AutoDirection, admin.StackedInline):
    model = ModelLetter
    extra = 0
    fields = ("language", "subject", "body")

    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == "body":
            field.help_text = _(
                "Placeholders the letter writer fills in: {prisoner} {prison} {official} "
                "{salutation} {supporter} {date}."
            )
        return field


@admin.register(UrgentAction)
class UrgentActionAdmin(admin.ModelAdmin):
    inlines = (OfficialInline, ModelLetterInline)
    list_display = ("__str__", "reference", "prisoner", "state", "expires_on", "taken_count")
    list_filter = (OpenFilter, "state")
    search_fields = ("title_en", "title_fa", "reference", "slug", "prisoner__name_latin")
    autocomplete_fields = ("prisoner",)
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("taken_count",)
    date_hierarchy = "issued_on"
    fieldsets = (
        (None, {"fields": ("prisoner", "slug", "reference", "state", "taken_count")}),
        (_("Dates"), {"fields": ("issued_on", "expires_on")}),
        (_("English"), {"fields": ("title_en", "summary_en", "demands_en", "card_en")}),
        (_("Persian"), {"fields": ("title_fa", "summary_fa", "demands_fa", "card_fa")}),
        (_("Solidarity cards"), {"fields": ("card_address",)}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[UrgentAction]:
        return super().get_queryset(request).select_related("prisoner")

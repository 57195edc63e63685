"""Staff pages: the representatives supporters write to, per country, and the message
templates (one per country and language, or the default one with no country). Organisers
keep them (freethem.core.roles: organisers may do everything)."""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet, URLField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from freethem.actions.models import Representative, RepresentativeMessage

PLACEHOLDER_HELP = _(
    "You may write {representative}, {salutation}, {supporter}, {country} and {date}: each "
    "is filled in for the reader. Other text in braces is left as it is."
)


class CountryFilter(admin.SimpleListFilter):
    """Only the countries the rows name (not the world's 250), by name in the staff member's
    language."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        codes = model_admin.model.objects.order_by().values_list("country", flat=True).distinct()
        named = ((code, countries.name(code)) for code in codes if code)
        return sorted(named, key=lambda pair: str(pair[1]))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(country=value) if value in countries else queryset


DEFAULT_HELP = _(
    "Leave it empty for the default message, which every country without its own gets."
)


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "title", "body", "position", "contacted_count")
    list_display_links = ("name",)
    list_editable = ("position",)
    list_filter = (CountryFilter, "language")
    search_fields = ("name", "title", "body", "email")
    ordering = ("country", "position", "pk")
    list_per_page = 100
    readonly_fields = ("contacted_count",)
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("country", "name", "title", "body", "position")}),
        (
            _("How to reach them"),
            {"fields": ("email", "phone", "website", "address", "salutation", "language")},
        ),
        (_("Supporters"), {"fields": ("contacted_count",)}),
    )


class MessageForm(forms.ModelForm):
    class Meta:
        model = RepresentativeMessage
        fields = ("country", "language", "subject", "body")
        help_texts = {"country": DEFAULT_HELP, "body": PLACEHOLDER_HELP}


@admin.register(RepresentativeMessage)
class RepresentativeMessageAdmin(admin.ModelAdmin):
    form = MessageForm
    list_display = ("__str__", "country", "language", "subject")
    list_filter = ("language", CountryFilter)
    search_fields = ("subject", "body")
    ordering = ("country", "language")

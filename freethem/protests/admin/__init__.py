"""The protest tracker in the staff area.

Researchers and organisers keep the records: the list filters by state, month, province,
participant group, wave and scope (inside Iran or abroad); a record is edited with its sources
inline, and moves between states by the list's actions, which call freethem.protests.services
(a published record cites a source and, inside Iran, names its province). Every save is a
revision (django-reversion). The merge tool and the list of possible duplicates are in
admin/merging.py; the moderation of the public's reports in admin/reports.py.
"""

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Count,
    IntegerField,
    ManyToManyField,
    OuterRef,
    QuerySet,
    Subquery,
    URLField,
)
from django.db.models.functions import Coalesce
from django.forms import BaseInlineFormSet, CheckboxSelectMultiple, ModelMultipleChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from freethem.core.staff import AutoDirection
from freethem.core.templatetags.freethem import num
from freethem.protests import services
from freethem.protests.admin.exchange import AcledExchangeAdmin
from freethem.protests.models import IRAN, ParticipantGroup, Protest, ProtestSource, Wave
from freethem.protests.services.records import (
    ARCHIVE_FROM,
    DRAFT_FROM,
    NO_PROVINCE,
    NO_SOURCE,
    PUBLISH_FROM,
    SUBMIT_FROM,
)
from freethem.protests.vocab import State

MONTHS_LISTED = 24

UNMERGED = _("The merge is undone: %(records)s are as they were before it.")
TRANSITION_LABELS = {
    "submit": _("Send for review"),
    "publish": _("Publish"),
    "archive": _("Archive"),
    "to_draft": _("Back to draft"),
}
TRANSITION_FROM = {
    "submit": SUBMIT_FROM,
    "publish": PUBLISH_FROM,
    "archive": ARCHIVE_FROM,
    "to_draft": DRAFT_FROM,
}
TRANSITIONS: dict[str, tuple[Callable[..., Protest], Any]] = {
    "submit": (services.protest_submit, _("Sent for review: %(records)s.")),
    "publish": (services.protest_publish, _("Published: %(records)s.")),
    "archive": (services.protest_archive, _("Archived: %(records)s.")),
    "to_draft": (services.protest_to_draft, _("Back to draft: %(records)s.")),
}


class VersionedAdmin(CompareVersionAdmin):
    """History with a diff between any two versions, and revert, under the site's CSP (the
    case database's templates, which leave out what the CSP refuses)."""

    object_history_template = "admin/prisoners/object_history.html"
    compare_raw_template = "admin/prisoners/compare_raw.html"
    history_latest_first = True


# Filters ------------------------------------------------------------------------------------


class MonthFilter(admin.SimpleListFilter):
    """The months that have records, newest first (the last two years of them)."""

    title = _("month")
    parameter_name = "month"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        months = Protest.objects.dates("date", "month", order="DESC")[:MONTHS_LISTED]
        return [
            (first.strftime("%Y-%m"), num(formats.date_format(first, "YEAR_MONTH_FORMAT")))
            for first in months
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        try:
            year, month = (int(part) for part in (self.value() or "").split("-"))
            first = date(year, month, 1)
        except ValueError:
            return queryset
        after = date(year + month // 12, month % 12 + 1, 1)
        return queryset.filter(date__gte=first, date__lt=after)  # a range the index serves


class ScopeFilter(admin.SimpleListFilter):
    title = _("scope")
    parameter_name = "scope"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("inside", _("inside Iran")), ("abroad", _("solidarity abroad"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "inside":
            return queryset.inside()
        if self.value() == "abroad":
            return queryset.abroad()
        return queryset


class MergedFilter(admin.SimpleListFilter):
    """Merged records are kept (their ids still lead somewhere) but out of the way."""

    title = _("merged records")
    parameter_name = "merged"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("yes", _("shown"))]

    def choices(self, changelist: ChangeList) -> Iterator[dict[str, Any]]:
        choices = super().choices(changelist)
        everything = next(choices)
        yield {**everything, "display": _("hidden")}
        yield from choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset if self.value() == "yes" else queryset.filter(merged_into=None)


# Records ------------------------------------------------------------------------------------


class SourcesFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if self.instance.state == State.PUBLISHED and not kept:
            raise ValidationError(NO_SOURCE, code="source")


class ProtestSourceInline(AutoDirection, admin.StackedInline):
    # Stacked, two fields a row: a table of four wide inputs overflows a 1280 px page.
    model = ProtestSource
    formset = SourcesFormSet
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    extra = 1
    fields = (("name", "scale"), ("url", "published_on"))


class ProtestForm(forms.ModelForm):
    class Meta:
        model = Protest
        fields = (
            "date", "time_precision", "event_type", "sub_event_type", "wave", "groups",
            "country", "province", "admin1", "admin2", "admin3", "location", "latitude",
            "longitude", "geo_precision", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
            "claims", "size_low", "size_high", "size_text", "fatalities", "deaths", "arrests",
            "injuries", "notes", "notes_fa", "prisoners", "disorder_type", "inter1", "inter2",
            "interaction", "civilian_targeting", "source", "source_scale", "tags",
            "acled_timestamp", "region", "is_demo",
        )  # fmt: skip
        # Lists of a few lines, not pages of text.
        widgets = {
            name: forms.Textarea(attrs={"rows": rows, "cols": 60})
            for name, rows in (
                ("assoc_actor_1", 2), ("assoc_actor_2", 2), ("claims", 3), ("source", 2),
                ("tags", 2), ("notes", 5), ("notes_fa", 5),
            )
        }  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        state = self.instance.state if self.instance.pk else State.DRAFT
        if state != State.DRAFT and data.get("country") == IRAN and not data.get("province"):
            self.add_error("province", NO_PROVINCE)
        return data


@admin.register(Protest)
class ProtestAdmin(AcledExchangeAdmin, VersionedAdmin):
    form = ProtestForm
    inlines = (ProtestSourceInline,)
    list_display = (
        "event_id", "date", "place", "state", "group_list", "crowd", "n_sources",
    )  # fmt: skip
    list_filter = (
        "state", MonthFilter, "province", "groups", ScopeFilter, "wave", "sub_event_type",
        MergedFilter, "is_demo",
    )  # fmt: skip
    search_fields = ("event_id", "location", "admin2", "actor1", "notes", "notes_fa")
    search_help_text = _("Searches ids, towns, counties, actors and notes.")
    date_hierarchy = None
    list_per_page = 50
    show_full_result_count = False
    autocomplete_fields = ("prisoners", "wave")
    readonly_fields = ("event_id", "state", "publication_problems", "merged_into", "updated_at")
    actions = ("submit", "publish", "archive", "to_draft", "merge")
    change_list_template = "admin/protests/protest/change_list.html"
    fieldsets = (
        (None, {"fields": (
            ("event_id", "state"), "publication_problems", "merged_into",
            ("date", "time_precision"), ("event_type", "sub_event_type"), "wave", "groups",
        )}),
        (_("Where"), {"fields": (
            "country", "province", ("admin1", "admin2", "admin3"), "location",
            ("latitude", "longitude", "geo_precision"),
        )}),
        (_("Who and what"), {"fields": (
            "actor1", "assoc_actor_1", ("actor2", "assoc_actor_2"), "claims",
            ("size_low", "size_high"), "size_text",
            ("fatalities", "deaths", "arrests", "injuries"), "notes", "notes_fa", "prisoners",
        )}),
        (_("ACLED's columns"), {"classes": ["collapse"], "fields": (
            "disorder_type", ("inter1", "inter2", "interaction"), "civilian_targeting",
            "source", "source_scale", "tags", "acled_timestamp", "region", "is_demo",
            "updated_at",
        )}),
    )  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Protest]:
        # A subquery per row shown, not a GROUP BY over every record (100,000 of them).
        sources = (
            ProtestSource.objects.filter(protest=OuterRef("pk"))
            .order_by()
            .values("protest")
            .annotate(n=Count("pk"))
            .values("n")
        )
        n_sources = Coalesce(Subquery(sources, output_field=IntegerField()), 0)
        return (
            super().get_queryset(request).annotate(n_sources=n_sources).prefetch_related("groups")
        )

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        if db_field.name == "groups":
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def view_on_site(self, obj: Protest) -> str | None:
        return None  # the public pages are the "pages" part's; a draft has none anyway

    @admin.display(description=_("place"), ordering="location")
    def place(self, protest: Protest) -> str:
        where = protest.get_province_display() if protest.inside_iran else protest.country.name
        return format_html("<bdi>{}</bdi>, {}", protest.location, where)

    @admin.display(description=_("participants"))
    def group_list(self, protest: Protest) -> str:
        return ", ".join(group.name for group in protest.groups.all())

    @admin.display(description=_("crowd size"))
    def crowd(self, protest: Protest) -> str:
        if protest.size_low is None and protest.size_high is None:
            return protest.size_text or "–"
        low, high = protest.size_low, protest.size_high
        if low is not None and high is not None and low != high:
            return f"{num(low)}–{num(high)}"
        return num(low if low is not None else high)

    @admin.display(description=_("sources"), ordering="n_sources")
    def n_sources(self, protest: Protest) -> str:
        return num(protest.n_sources)

    @admin.display(description=_("before it can be published"))
    def publication_problems(self, protest: Protest) -> str:
        if protest.state == State.PUBLISHED:
            return "–"
        return " ".join(services.publication_problems(protest)) or gettext("Nothing is missing.")

    def save_model(
        self, request: HttpRequest, obj: Protest, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.event_id = services.next_event_id(obj.country)
        super().save_model(request, obj, form, change)

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a record leaves by archiving: its id stays
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Protest | None = None) -> bool:
        # Only a record that was never public may be deleted; the others are archived.
        if obj is not None and (
            obj.state in (State.PUBLISHED, State.ARCHIVED) or obj.merged.exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    # States.

    @admin.action(description=_("Send for review"), permissions=["change"])
    def submit(self, request: HttpRequest, queryset: QuerySet[Protest]) -> None:
        self.move(request, queryset, "submit")

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Protest]) -> None:
        self.move(request, queryset, "publish")

    @admin.action(description=_("Archive"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet[Protest]) -> None:
        self.move(request, queryset, "archive")

    @admin.action(description=_("Back to draft"), permissions=["change"])
    def to_draft(self, request: HttpRequest, queryset: QuerySet[Protest]) -> None:
        self.move(request, queryset, "to_draft")

    @admin.action(description=_("Merge: one record per place per day"), permissions=["change"])
    def merge(self, request: HttpRequest, queryset: QuerySet[Protest]) -> HttpResponse:
        from freethem.protests.admin.merging import merge_start

        return merge_start(request, queryset)

    def move(self, request: HttpRequest, protests: QuerySet[Protest], name: str) -> None:
        service, done = TRANSITIONS[name]
        moved, refused = [], []
        for protest in protests:
            try:
                service(protest=protest, by=request.user)
            except ValidationError as error:
                refused.append(f"{protest.event_id}: {' '.join(error.messages)}")
            else:
                moved.append(protest.event_id)
        if moved:
            self.message_user(request, gettext(done) % {"records": ", ".join(moved)})
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    def state_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The buttons on a record's page: its moves between states, and for a record merged
        into another, undoing that merge."""
        protest = self.get_object(request, unquote(object_id))
        if protest is None:
            raise Http404
        if request.method != "POST" or not self.has_change_permission(request, protest):
            raise PermissionDenied
        move = request.POST.get("move", "")
        if move in TRANSITIONS:
            self.move(request, [protest], move)
        elif move == "unmerge":
            self.unmerge(request, protest)
        return redirect(reverse("admin:protests_protest_change", args=[protest.pk]))

    def unmerge(self, request: HttpRequest, protest: Protest) -> None:
        try:
            kept = services.protests_unmerge(absorbed=protest, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        records = f"{kept.event_id}, {protest.event_id}"
        self.message_user(request, gettext(UNMERGED) % {"records": records}, messages.SUCCESS)

    def state_buttons(self, protest: Protest) -> list[tuple[str, Any]]:
        if protest.merged_into_id is not None:
            return [("unmerge", _("Undo the merge"))]
        return [
            (name, TRANSITION_LABELS[name])
            for name in TRANSITIONS
            if protest.state in TRANSITION_FROM[name]
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Protest | None = None,
    ) -> HttpResponse:
        if obj is not None and self.has_change_permission(request, obj):
            context["state_buttons"] = self.state_buttons(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self) -> list:
        from freethem.protests.admin.merging import merge_urls

        view = self.admin_site.admin_view
        return [
            *merge_urls(self),
            path("<path:object_id>/state/", view(self.state_view), name="protests_protest_state"),
            *super().get_urls(),
        ]


# Participant groups and waves ---------------------------------------------------------------


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(VersionedAdmin):
    list_display = ("name_en", "name_fa", "slug", "order", "records")
    list_editable = ("order",)
    search_fields = ("name_en", "name_fa", "slug")
    prepopulated_fields = {"slug": ("name_en",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[ParticipantGroup]:
        return super().get_queryset(request).annotate(n_records=Count("protests"))

    @admin.display(description=_("records"), ordering="n_records")
    def records(self, group: ParticipantGroup) -> str:
        return num(group.n_records)


@admin.register(Wave)
class WaveAdmin(VersionedAdmin):
    list_display = ("code", "name_en", "name_fa", "records", "is_demo")
    search_fields = ("code", "name_en", "name_fa")
    prepopulated_fields = {"code": ("name_en",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Wave]:
        return super().get_queryset(request).annotate(n_records=Count("protests"))

    @admin.display(description=_("records"), ordering="n_records")
    def records(self, wave: Wave) -> str:
        return num(wave.n_records)


# The moderation of reports registers as it loads.
from freethem.protests.admin import reports  # noqa: E402, F401

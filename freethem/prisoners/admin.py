"""The case database in the staff area.

A person is edited on one page with their other names, cases and timeline inline; a case's
sentences on the case's own page (linked from the person's page: Django has no nested inlines).
Every save is a revision (django-reversion) that holds the person with their other names,
cases, sentences and events, so the history shows who changed what and when, compares two
versions and reverts to one. Publication moves by the actions and buttons that call
freethem.prisoners.services, which say who may publish.
"""

from collections.abc import Callable
from typing import Any

import reversion
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import BaseFormSet, BaseInlineFormSet, ModelForm
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from freethem.core.staff import AutoDirection
from freethem.core.staff_dashboard import Panel
from freethem.prisoners.exchange import csv_lines, json_chunks
from freethem.prisoners.forms import CaseForm, EventForm, ImportForm, PersonForm
from freethem.prisoners.models import (
    Case,
    Category,
    Charge,
    Court,
    Event,
    Judge,
    Person,
    PersonName,
    PersonQuerySet,
    Prison,
    Sentence,
    Source,
)
from freethem.prisoners.services import (
    PUBLISH_FROM,
    SUBMIT_FROM,
    UNPUBLISH_FROM,
    people_import,
    person_publish,
    person_reindex,
    person_submit_for_review,
    person_unpublish,
    user_may_publish,
)
from freethem.prisoners.vocab import Publication

PRIVATE_FIELDSET = _("Private: never published")
PRIVATE_DESCRIPTION = _(
    "Family contacts and researcher notes stay in the staff area: they are never shown on a "
    "public page, in the public export or in the API."
)
IMPORTED = _("Imported the file: %(created)s new, %(updated)s updated.")
CHECKED = _("The file has no errors. Importing it would add %(created)s and update %(updated)s.")


class VersionedAdmin(CompareVersionAdmin):
    """History with a diff between any two versions, and revert, under the site's CSP."""

    object_history_template = "admin/prisoners/object_history.html"
    compare_raw_template = "admin/prisoners/compare_raw.html"
    history_latest_first = True


# Directories -------------------------------------------------------------------------------


@admin.register(Category)
class CategoryAdmin(VersionedAdmin):
    list_display = ("name_en", "name_fa", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_en", "name_fa", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Prison)
class PrisonAdmin(VersionedAdmin):
    list_display = ("name_en", "name_fa", "province", "city_en")
    list_filter = ("province",)
    search_fields = ("name_en", "name_fa", "slug", "city_en", "city_fa")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Court)
class CourtAdmin(VersionedAdmin):
    list_display = ("name_en", "name_fa", "province")
    list_filter = ("province",)
    search_fields = ("name_en", "name_fa")


@admin.register(Judge)
class JudgeAdmin(VersionedAdmin):
    list_display = ("name_en", "name_fa", "court")
    search_fields = ("name_en", "name_fa", "slug")
    autocomplete_fields = ("court",)
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Charge)
class ChargeAdmin(VersionedAdmin):
    list_display = ("name_en", "name_fa", "article")
    search_fields = ("name_en", "name_fa", "article")


@admin.register(Source)
class SourceAdmin(VersionedAdmin):
    list_display = ("title", "kind", "published_on", "language", "reliability")
    list_filter = ("kind", "reliability", "language")
    search_fields = ("title", "url")


# Cases and their sentences -----------------------------------------------------------------


class SentenceInline(AutoDirection, admin.StackedInline):
    model = Sentence
    extra = 1
    autocomplete_fields = ("sources",)
    fields = (
        "kind",
        ("imposed", "enforceable"),
        "suspended",
        ("place_en", "place_fa"),
        "sources",
    )


CASE_FIELDS = (
    "arrested_on",
    ("arrest_place_en", "arrest_place_fa"),
    "arresting_body",
    "held_incommunicado",
    "charges",
    ("court", "court_branch"),
    "judge",
    ("lawyer", "lawyer_access"),
    "verdict_on",
    "verdict_en",
    "verdict_fa",
    "appeal_outcome",
    "prison",
    "sources",
)
CASE_AUTOCOMPLETE = ("charges", "court", "judge", "prison", "sources")


@admin.register(Case)
class CaseAdmin(VersionedAdmin):
    form = CaseForm
    inlines = (SentenceInline,)
    fields = ("person", *CASE_FIELDS)
    autocomplete_fields = ("person", *CASE_AUTOCOMPLETE)
    list_display = ("__str__", "court", "prison")
    list_select_related = ("person", "court", "prison")
    search_fields = ("person__name_latin", "person__name_fa")

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # The person's history shows changes made on a case's page too.
        if reversion.is_active():
            reversion.add_to_revision(form.instance.person)


# People ------------------------------------------------------------------------------------


class OtherNameInline(AutoDirection, admin.TabularInline):
    model = PersonName
    extra = 1


class CaseInline(AutoDirection, admin.StackedInline):
    model = Case
    form = CaseForm
    extra = 1
    classes = ["collapse"]
    fields = CASE_FIELDS
    autocomplete_fields = CASE_AUTOCOMPLETE
    show_change_link = True  # the case's page has its sentences


class EventInline(AutoDirection, admin.StackedInline):
    model = Event
    form = EventForm
    extra = 1
    classes = ["collapse"]
    fields = (
        "kind",
        "occurred_on",
        "case",
        ("place_en", "place_fa"),
        "prison",
        "description_en",
        "description_fa",
        "sources",
    )
    autocomplete_fields = ("prison", "sources")

    def get_formset(
        self, request: HttpRequest, obj: Person | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        formset = super().get_formset(request, obj, **kwargs)
        # An event belongs to one of this person's own cases.
        cases = Case.objects.filter(person=obj) if obj and obj.pk else Case.objects.none()
        formset.form.base_fields["case"].queryset = cases
        return formset


Transition = Callable[..., Person]
TRANSITIONS: dict[str, tuple[Transition, Any]] = {
    "submit": (person_submit_for_review, _("Submitted for review: %(people)s.")),
    "publish": (person_publish, _("Published: %(people)s.")),
    "unpublish": (person_unpublish, _("Unpublished, back to draft: %(people)s.")),
}
TRANSITION_LABELS = {
    "submit": _("Submit for review"),
    "publish": _("Publish"),
    "unpublish": _("Unpublish"),
}
TRANSITION_FROM = {"submit": SUBMIT_FROM, "publish": PUBLISH_FROM, "unpublish": UNPUBLISH_FROM}


@admin.register(Person)
class PersonAdmin(VersionedAdmin):
    form = PersonForm
    inlines = (OtherNameInline, CaseInline, EventInline)
    list_display = (
        "name_latin",
        "name_fa",
        "custody_status",
        "verification",
        "publication",
        "updated_at",
    )
    list_filter = ("publication", "custody_status", "verification", "categories")
    search_fields = ("name_latin", "name_fa")  # shows the box; get_search_results searches
    readonly_fields = ("publication", "updated_at")
    autocomplete_fields = ("categories", "current_prison")
    prepopulated_fields = {"slug": ("name_latin",)}
    actions = ("submit_for_review", "publish", "unpublish")
    change_form_template = "admin/prisoners/person/change_form.html"
    change_list_template = "admin/prisoners/person/change_list.html"
    revision_form_template = "admin/prisoners/person/revision_form.html"
    # What a researcher fills in first is open; the rest folds away (Django renders a
    # "collapse" fieldset as <details>, open by itself when one of its fields has an error).
    # The publication state is shown above the form, with its buttons.
    fieldsets = (
        (None, {"fields": (
            ("name_fa", "name_latin"), "custody_status", "current_prison", "categories",
            "verification", "updated_at",
        )}),
        (_("Public summary"), {"fields": ("summary_en", "summary_fa")}),
        (_("About the person"), {"classes": ["collapse"], "fields": (
            "slug", "sex", "birth_date", ("birthplace_en", "birthplace_fa"), "citizenships",
            "ethnicity", "religion", ("occupation_en", "occupation_fa"), "is_demo",
        )}),
        (_("Designation"), {"classes": ["collapse"], "fields": (
            "designated_political_prisoner", ("designated_by", "designated_on"),
        )}),
        (_("Photo"), {"classes": ["collapse"], "fields": (
            "photo", "photo_visibility", "photo_credit",
        )}),
        (PRIVATE_FIELDSET, {
            "classes": ["collapse"],
            "fields": ("family_contacts", "researcher_notes"),
            "description": PRIVATE_DESCRIPTION,
        }),
    )  # fmt: skip

    def view_on_site(self, obj: Person) -> str | None:
        """The public page, for a published person only: a draft has none."""
        return obj.get_absolute_url() if obj.is_published else None

    # Search: the case database's own, which knows Persian and transliteration variants.

    def get_search_results(
        self, request: HttpRequest, queryset: PersonQuerySet, search_term: str
    ) -> tuple[PersonQuerySet, bool]:
        if not search_term.strip():
            return queryset, False
        found = queryset.search(search_term)  # best match first
        if ORDER_VAR in request.GET:  # unless a column was chosen to sort by
            found = found.order_by(*queryset.query.order_by)
        return found, False

    # Saving.

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        person_reindex(person=form.instance)  # after the other names are saved

    # Publication.

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return user_may_publish(request.user) and self.has_change_permission(request)

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        self.move(request, queryset, "submit")

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        self.move(request, queryset, "publish")

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        self.move(request, queryset, "unpublish")

    def move(
        self, request: HttpRequest, people: QuerySet[Person] | list[Person], name: str
    ) -> None:
        service, done_message = TRANSITIONS[name]
        moved, refused = [], []
        for person in people:
            try:
                service(person=person, user=request.user)
            except ValidationError as error:
                refused.append(f"{person.name_latin}: {' '.join(error.messages)}")
            else:
                moved.append(person.name_latin)
        if moved:
            self.message_user(request, gettext(done_message) % {"people": ", ".join(moved)})
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    def publication_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The buttons above a person's form: submit for review, publish, unpublish."""
        person = self.get_object(request, unquote(object_id))
        if person is None:
            raise Http404
        name = request.POST.get("transition", "")
        if request.method != "POST" or name not in TRANSITIONS:
            return redirect(reverse("admin:prisoners_person_change", args=[person.pk]))
        if not self.has_change_permission(request, person):
            raise PermissionDenied
        self.move(request, [person], name)  # the services refuse a user who may not
        return redirect(reverse("admin:prisoners_person_change", args=[person.pk]))

    def publication_buttons(self, request: HttpRequest, person: Person) -> list[tuple[str, str]]:
        may = {"submit": True, "publish": self.has_publish_permission(request), "unpublish": True}
        return [
            (name, TRANSITION_LABELS[name])
            for name in TRANSITIONS
            if may[name] and person.publication in TRANSITION_FROM[name]
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Person | None = None,
    ) -> HttpResponse:
        if obj is not None and self.has_change_permission(request, obj):
            context["publication_buttons"] = self.publication_buttons(request, obj)
            context["has_publish_permission"] = self.has_publish_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Import and export.

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="prisoners_person_import"),
            path(
                "export/<str:file_format>/",
                view(self.export_view),
                name="prisoners_person_export",
            ),
            path(
                "<path:object_id>/publication/",
                view(self.publication_view),
                name="prisoners_person_publication",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponseBase:
        context = {"has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = people_import(
                data=data["file"].read(),
                format=data["format"],
                user=request.user,
                dry_run=data["check_only"],
            )
            if result.ok and not data["check_only"]:
                counts = {"created": result.created, "updated": result.updated}
                self.message_user(request, gettext(IMPORTED) % counts)
                return redirect(reverse("admin:prisoners_person_changelist"))
        checked = ""
        if result is not None and result.ok:
            checked = gettext(CHECKED) % {"created": result.created, "updated": result.updated}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import prisoners"),
            "form": form,
            "result": result,
            "checked": checked,
        }
        return TemplateResponse(request, "admin/prisoners/person/import.html", context)

    def export_view(self, request: HttpRequest, file_format: str) -> HttpResponse:
        """Every record the list shows with its current filters and search, with the private
        fields: for staff only, never for publication."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        writers = {"csv": (csv_lines, "text/csv"), "json": (json_chunks, "application/json")}
        if file_format not in writers:
            raise Http404
        try:
            people = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:prisoners_person_changelist") + "?e=1")
        write, content_type = writers[file_format]
        response = StreamingHttpResponse(
            write(people, public=False), content_type=f"{content_type}; charset=utf-8"
        )
        name = f"prisoners-staff-{timezone.localdate().isoformat()}.{file_format}"
        response["Content-Disposition"] = f"attachment; filename={name}"
        return response


# The staff home ----------------------------------------------------------------------------

REVIEW_SHOWN = 5


def dashboard_panels(request: HttpRequest) -> list[Panel]:
    """The records submitted for review, for staff who may open them (core.staff_dashboard)."""
    if not request.user.has_perm("prisoners.view_person"):
        return []
    waiting = Person.objects.filter(publication=Publication.REVIEW).order_by("-updated_at")
    people = [
        {
            "person": person,
            "url": reverse("admin:prisoners_person_change", args=[person.pk]),
            "by": last_editor(person),
        }
        for person in waiting[:REVIEW_SHOWN]
    ]
    changelist = reverse("admin:prisoners_person_changelist")
    data = {
        "count": waiting.count(),
        "people": people,
        "review_url": f"{changelist}?publication__exact={Publication.REVIEW}",
        "may_publish": user_may_publish(request.user),
    }
    return [
        Panel(_("Records waiting for review"), "admin/prisoners/dashboard/_review.html", data, 40)
    ]


def last_editor(person: Person) -> str:
    """Who saved the person's newest revision (their submission for review), if anyone."""
    version = Version.objects.get_for_object(person).select_related("revision__user").first()
    user = version.revision.user if version else None
    return user.get_username() if user else ""

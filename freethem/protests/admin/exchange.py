"""The staff side of the ACLED exchange: "Import ACLED CSV" and the staff export (exact
coordinates, every state) on the protests' list, for whoever may add and change records
(researchers and organisers). ProtestAdmin takes these views by inheriting AcledExchangeAdmin.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.core.spreadsheet import csv_response
from freethem.protests.exchange import MAX_IMPORT_BYTES, TOO_LARGE, export_rows, import_acled
from freethem.protests.vocab import State

IMPORTED = _("Imported the file: %(created)s new, %(updated)s updated.")
CHECKED = _("The file has no errors. Importing it would add %(created)s and update %(updated)s.")
# The page lists at most this many errors (a file with every row wrong has thousands).
ERRORS_SHOWN = 200


class AcledImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "ACLED's columns in ACLED's layout (as ACLED's export gives them), optionally "
            "followed by our x_ columns (as our export gives them). UTF-8."
        ),
    )
    state = forms.ChoiceField(
        label=_("State of new records"),
        choices=[(State.DRAFT, State.DRAFT.label), (State.REVIEW, State.REVIEW.label)],
        initial=State.REVIEW,
        help_text=_("For rows without an x_state column. Records already here keep theirs."),
    )
    check_only = forms.BooleanField(
        label=_("Only check the file"),
        help_text=_("Report the errors and what would change, and import nothing."),
        required=False,
    )

    def clean_file(self) -> Any:  # noqa: ANN401 (an UploadedFile)
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            params = {"megabytes": MAX_IMPORT_BYTES // 2**20}
            raise ValidationError(TOO_LARGE, code="too_large", params=params)
        return upload


class AcledExchangeAdmin(admin.ModelAdmin):
    change_list_template = "admin/protests/protest/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("import-acled/", view(self.import_acled_view), name="protests_protest_import"),
            path("export.csv", view(self.export_staff_view), name="protests_protest_export"),
            *super().get_urls(),
        ]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponseBase:
        context = {"has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def import_acled_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = AcledImportForm(request.POST or None, request.FILES or None)
        result, checked = None, ""
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = import_acled(
                data["file"].read(), default_state=data["state"], dry_run=data["check_only"]
            )
            counts = {"created": result.created, "updated": result.updated}
            if result.ok and not data["check_only"]:
                self.message_user(request, gettext(IMPORTED) % counts)
                return redirect(reverse("admin:protests_protest_changelist"))
            checked = gettext(CHECKED) % counts if result.ok else ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import ACLED CSV"),
            "form": form,
            "result": result,
            "errors_shown": result.errors[:ERRORS_SHOWN] if result else [],
            "checked": checked,
        }
        return TemplateResponse(request, "admin/protests/protest/import_acled.html", context)

    def export_staff_view(self, request: HttpRequest) -> HttpResponse:
        """The records the list shows (its filters and search), with exact coordinates and
        every state: for staff, never for publication."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            protests = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:protests_protest_changelist") + "?e=1")
        name = f"protests-staff-{timezone.localdate().isoformat()}.csv"
        return csv_response(export_rows(protests, public=False), filename=name, guarded=False)

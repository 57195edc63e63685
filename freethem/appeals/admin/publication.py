"""The newspaper ad and the delivery pack in the staff area: organisers only.

An organiser chooses the appeal, the kind, the edition's language and the page size (and,
for a pack, the recipient and the letter); the worker makes the PDF while the job's page
shows its progress (it reloads itself while the job runs: no script needed), then page 1 as
a picture and the download. The PDF holds signers' names: the download is written to the
audit log, and the files are served by these views only.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from freethem.appeals import services
from freethem.appeals.models import Appeal, Publication, PublicationKind, PublicationState
from freethem.appeals.printing.presets import (
    CUSTOM,
    CUSTOM_MAX_MM,
    CUSTOM_MIN_MM,
    PRESET_CHOICES,
)
from freethem.core.roles import is_organiser

# At most this many PDFs queued or being made at once: each takes the worker for a while.
MAX_WAITING = 3
TOO_MANY = _("Three PDFs are being made already; wait until one is finished.")
SIZE_NEEDED = _("For a custom size, give the width and the height in millimetres.")
LETTER_NEEDED = _("A delivery pack needs a recipient and a cover letter.")
REFRESH_SECONDS = 3
STAGES = {
    "queued": _("waiting for the worker"),
    "names": _("collecting the names"),
    "layout": _("laying out the names"),
    "preview": _("drawing the preview"),
}


class PublicationForm(forms.Form):
    appeal = forms.ModelChoiceField(Appeal.objects.all(), label=_("Appeal"))
    kind = forms.ChoiceField(
        label=_("What to make"), choices=PublicationKind.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Edition"), choices=settings.LANGUAGES)
    preset = forms.ChoiceField(label=_("Page size"), choices=PRESET_CHOICES)
    width_mm = forms.FloatField(
        label=_("Custom width (mm)"),
        required=False,
        min_value=CUSTOM_MIN_MM,
        max_value=CUSTOM_MAX_MM,
    )
    height_mm = forms.FloatField(
        label=_("Custom height (mm)"),
        required=False,
        min_value=CUSTOM_MIN_MM,
        max_value=CUSTOM_MAX_MM,
    )
    recipient = forms.CharField(
        label=_("Recipient (delivery pack)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Name, title and address, one per line."),
    )
    letter = forms.CharField(
        label=_("Cover letter (delivery pack)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        help_text=_("Paragraphs separated by a blank line."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        waiting = (PublicationState.QUEUED, PublicationState.RUNNING)
        if Publication.objects.filter(state__in=waiting).count() >= MAX_WAITING:
            raise ValidationError(TOO_MANY)
        if data.get("preset") == CUSTOM and not (data.get("width_mm") and data.get("height_mm")):
            raise ValidationError(SIZE_NEEDED)
        if data.get("kind") == PublicationKind.PACK and not (
            data.get("recipient", "").strip() and data.get("letter", "").strip()
        ):
            raise ValidationError(LETTER_NEEDED)
        return data


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("appeal", "kind", "language", "preset", "state", "progress", "created_by",
                    "created_at")  # fmt: skip
    list_filter = ("kind", "state")
    list_select_related = ("appeal", "created_by")

    # Organisers only: the PDFs hold every shown name.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_organiser(request.user)

    def delete_model(self, request: HttpRequest, obj: Publication) -> None:
        services.publication_delete(publication=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Publication]) -> None:
        for publication in queryset:
            services.publication_delete(publication=publication)

    @admin.display(description=_("progress"))
    def progress(self, publication: Publication) -> str:
        return f"{publication.percent}%"

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/job/", view(self.job_view), name="appeals_publication_job"),
            path(
                "<path:object_id>/preview.png",
                view(self.preview_view),
                name="appeals_publication_preview",
            ),
            path(
                "<path:object_id>/download.pdf",
                view(self.download_view),
                name="appeals_publication_download",
            ),
            *super().get_urls(),
        ]

    def _job(self, request: HttpRequest, object_id: str) -> Publication:
        if not is_organiser(request.user):
            raise PermissionDenied
        publication = self.get_object(request, unquote(object_id))
        if publication is None:
            raise Http404
        return publication

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {"kind": PublicationKind.AD, "language": request.LANGUAGE_CODE, "preset": "a4"}
        form = PublicationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            publication = services.publication_create(
                appeal=data["appeal"],
                kind=data["kind"],
                language=data["language"],
                preset=data["preset"],
                width_mm=data["width_mm"],
                height_mm=data["height_mm"],
                recipient=data["recipient"].strip(),
                letter=data["letter"].strip(),
                user=request.user,
            )
            self.log_addition(request, publication, [{"added": {}}])
            return redirect("admin:appeals_publication_job", publication.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Make a newspaper ad or delivery pack"),
            "opts": self.model._meta,
            "form": form,
            "custom_bounds": (CUSTOM_MIN_MM, CUSTOM_MAX_MM),
        }
        return TemplateResponse(request, "admin/appeals/publication/add.html", context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        return redirect("admin:appeals_publication_job", unquote(object_id))

    def job_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        publication = self._job(request, object_id)
        ready = services.publication_path(publication) is not None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Print PDF"),
            "opts": self.model._meta,
            "job": publication,
            "stage": STAGES.get(publication.stage, ""),
            "refresh": 0 if publication.finished else REFRESH_SECONDS,
            "ready": ready,
            "has_preview": ready and services.preview_path(publication) is not None,
            "preview_url": reverse("admin:appeals_publication_preview", args=[publication.pk]),
            "download_url": reverse("admin:appeals_publication_download", args=[publication.pk]),
            "new_url": reverse("admin:appeals_publication_add"),
        }
        return TemplateResponse(request, "admin/appeals/publication/job.html", context)

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        png = services.preview_path(self._job(request, object_id))
        if png is None:
            raise Http404
        response = FileResponse(png.open("rb"), content_type="image/png")
        response["Cache-Control"] = "private, no-store"
        return response

    def download_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        publication = self._job(request, object_id)
        pdf = services.publication_path(publication)
        if pdf is None:
            raise Http404
        services.publication_download_record(publication=publication, user=request.user)
        name = f"{publication.appeal.slug}-{publication.kind}-{publication.language}.pdf"
        response = FileResponse(
            pdf.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
        )
        response["Cache-Control"] = "private, no-store"
        return response

"""Circulation in the staff area: organisers' source codes (one link per channel: an ad, a
forum, a partner's list), and for each appeal where its signatures came from (each source,
the signers' share links, direct) with its top sharers, and the embed snippets (the framed
counter and the badge) to give partner sites.

Counts are of signatures that count (confirmed, not suspect, not held). Sharers are shown by
their public name only, or as "(name not shown)": no email or IP reaches this page.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.appeals import services
from freethem.appeals.models import Appeal, ShareCode, Signature, SourceCode
from freethem.appeals.views.circulation import embed_snippets

TOP_SHARERS = 20


def source_link(source: SourceCode) -> str:
    """The address to hand out for a source code: the appeal's, in the staff page's language."""
    return services.site_url(
        f"{reverse('appeals:detail', args=[source.appeal.slug])}?via={source.code}"
    )


def _counted_through_source() -> Coalesce:
    rows = (
        Signature.objects.confirmed()
        .filter(attribution__source=OuterRef("pk"))
        .order_by()
        .values("attribution__source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class SourceCodeForm(forms.ModelForm):
    """The code may be left empty (a random one is made) and is fixed once created: links with
    it are out in the world."""

    class Meta:
        model = SourceCode
        fields = ["appeal", "code", "label", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "code" in self.fields:
            self.fields["code"].required = False

    def clean_code(self) -> str:
        if self.instance.pk is not None:
            return self.instance.code
        code = services.source_code_tidy(self.cleaned_data.get("code") or "")
        services.source_code_check(code)
        return code


@admin.register(SourceCode)
class SourceCodeAdmin(admin.ModelAdmin):
    form = SourceCodeForm
    list_display = (
        "code",
        "label",
        "appeal",
        "active",
        "counted",
        "link",
        "created_by",
        "created_at",
    )
    list_filter = ("appeal", "active")
    search_fields = ("code", "label")
    list_select_related = ("appeal", "created_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceCode]:
        return super().get_queryset(request).annotate(n_counted=_counted_through_source())

    def get_readonly_fields(
        self, request: HttpRequest, obj: SourceCode | None = None
    ) -> tuple[str, ...]:
        fixed = ("appeal", "code", "link", "created_by", "created_at")
        return fixed if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: SourceCode | None = None) -> list[str]:
        if obj is None:
            return ["appeal", "code", "label", "active"]
        return ["appeal", "code", "link", "label", "active", "created_by", "created_at"]

    def has_delete_permission(self, request: HttpRequest, obj: SourceCode | None = None) -> bool:
        return False  # signatures keep what they came through: deactivate a code instead

    @admin.display(description=_("signatures (counted)"), ordering="n_counted")
    def counted(self, source: SourceCode) -> int:
        return source.n_counted

    @admin.display(description=_("link to hand out"))
    def link(self, source: SourceCode) -> str:
        return format_html('<bdi dir="ltr"><code>{}</code></bdi>', source_link(source))

    def save_model(
        self, request: HttpRequest, obj: SourceCode, form: forms.ModelForm, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.source_code_create(
            appeal=obj.appeal,
            label=obj.label,
            code=obj.code,
            active=obj.active,
            created_by=request.user,
        )
        obj.pk, obj.created_by, obj.created_at = created.pk, created.created_by, created.created_at

    # The circulation report of one appeal.

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.report_view)
        return [
            path("report/<int:appeal_id>/", view, name="appeals_circulation"),
            *super().get_urls(),
        ]

    def report_view(self, request: HttpRequest, appeal_id: int) -> HttpResponse:
        if not request.user.has_perm("appeals.view_appeal"):
            raise PermissionDenied
        appeal = get_object_or_404(Appeal, pk=appeal_id)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Circulation: %(appeal)s") % {"appeal": appeal},
            "opts": self.model._meta,
            "appeal": appeal,
            **circulation_report(appeal),
            "snippets": embed_snippets(appeal),
            "may_add": self.has_add_permission(request),
            "may_see_signatures": request.user.has_perm("appeals.view_signature"),
        }
        return TemplateResponse(request, "admin/appeals/sourcecode/report.html", context)


def circulation_report(appeal: Appeal) -> dict[str, Any]:
    """The appeal's counted signatures by where they came from, and its top sharers."""
    counted = Signature.objects.confirmed().filter(appeal=appeal)
    by_source = dict(
        counted.filter(attribution__source__isnull=False)
        .values_list("attribution__source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    shared = counted.filter(attribution__isnull=False, attribution__source__isnull=True).count()
    total = counted.count()
    sources = [
        {"source": source, "link": source_link(source), "count": by_source.get(source.pk, 0)}
        for source in SourceCode.objects.filter(appeal=appeal).order_by("-created_at")
    ]
    return {
        "total": total,
        "sources": sources,
        "shared": shared,
        "direct": total - shared - sum(by_source.values()),
        "sharers": top_sharers(counted),
    }


def top_sharers(counted: QuerySet[Signature]) -> list[dict[str, Any]]:
    """The share links that brought the most counted signatures: the sharer's public name (or
    "(name not shown)") and the count. A sharer who withdrew is not among them."""
    rows = list(
        counted.filter(attribution__share__isnull=False)
        .values_list("attribution__share")
        .annotate(n=Count("pk"))
        .order_by("-n", "attribution__share")[:TOP_SHARERS]
    )
    shares = ShareCode.objects.select_related("signature").in_bulk([pk for pk, _n in rows])
    return [
        {"name": str(shares[pk].signature), "code": shares[pk].code, "count": n,
         "signature_id": shares[pk].signature_id}
        for pk, n in rows
        if pk in shares
    ]  # fmt: skip


__all__ = ["SourceCodeAdmin", "circulation_report", "source_link", "top_sharers"]

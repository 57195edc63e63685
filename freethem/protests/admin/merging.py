"""The merge tool and the possible duplicates, in the staff area.

Staff select records in the list (or open a group of possible duplicates), see a page with what
the merged record will say and which records it absorbs, choose the record to keep, and merge
(freethem.protests.services.protests_merge). Nothing changes before that page's button.
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.core.templatetags.freethem import num
from freethem.protests import services
from freethem.protests.models import Protest
from freethem.protests.vocab import State

if TYPE_CHECKING:
    from freethem.protests.admin import ProtestAdmin

MAX_MERGED = 20
EMPTY = "–"
DUPLICATES_DAYS = 365
MERGED_DONE = _("Merged %(ids)s into %(event_id)s.")
TOO_MANY = _("Merge at most %(count)s records at once.")
CHOOSE_TWO = _("Choose at least two records to merge.")

# The fields the confirmation page shows, in this order.
SHOWN = (
    "date", "location", "province", "country", "actor1", "sub_event_type", "fatalities",
    "deaths", "arrests", "injuries", "size_low", "size_high", "size_text", "claims", "tags",
    "assoc_actor_1", "notes", "notes_fa",
)  # fmt: skip


def merge_urls(model_admin: "ProtestAdmin") -> list[URLPattern]:
    view = model_admin.admin_site.admin_view
    return [
        path("merge/", view(lambda r: merge_view(model_admin, r)), name="protests_protest_merge"),
        path(
            "duplicates/",
            view(lambda r: duplicates_view(model_admin, r)),
            name="protests_protest_duplicates",
        ),
    ]


def merge_start(request: HttpRequest, queryset: QuerySet[Protest]) -> HttpResponse:
    """The list's action: on to the confirmation page with the selected records."""
    pks = sorted(queryset.values_list("pk", flat=True)[: MAX_MERGED + 1])
    query = urlencode({"ids": ",".join(str(pk) for pk in pks)})
    return redirect(f"{reverse('admin:protests_protest_merge')}?{query}")


def _chosen(request: HttpRequest) -> list[Protest]:
    raw = (request.POST.get("ids") or request.GET.get("ids") or "")[:400]
    pks = [int(part) for part in raw.split(",") if part.strip().isdigit()][: MAX_MERGED + 1]
    found = Protest.objects.filter(pk__in=pks).prefetch_related("sources", "groups", "prisoners")
    return sorted(found, key=lambda protest: protest.pk)


def _default_kept(records: list[Protest]) -> Protest:
    """The published record with the most sources, else the oldest."""
    return max(
        records,
        key=lambda r: (r.state == State.PUBLISHED, len(r.sources.all()), -r.pk),
    )


def merge_view(model_admin: "ProtestAdmin", request: HttpRequest) -> HttpResponse:
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    changelist = reverse("admin:protests_protest_changelist")
    records = _chosen(request)
    if len(records) > MAX_MERGED:
        model_admin.message_user(request, gettext(TOO_MANY) % {"count": MAX_MERGED}, messages.ERROR)
        return redirect(changelist)
    if len(records) < 2:
        model_admin.message_user(request, gettext(CHOOSE_TWO), messages.ERROR)
        return redirect(changelist)
    by_pk = {str(record.pk): record for record in records}
    into = by_pk.get(request.POST.get("into") or request.GET.get("into", "")) or _default_kept(
        records
    )
    others = [record for record in records if record.pk != into.pk]
    try:
        merged = services.merge_preview(into=into, others=others)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(changelist)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _merge(model_admin, request, into, others)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Protest._meta,
        "title": _("Merge records"),
        "records": records,
        "into": into,
        "merged": merged,
        "rows": _rows(merged),
        "ids": ",".join(str(record.pk) for record in records),
        "back": changelist,
    }
    return TemplateResponse(request, "admin/protests/protest/merge.html", context)


def _rows(merged: services.Merged) -> list[dict[str, Any]]:
    """Each shown field: its label, the kept record's value now, and after the merge."""
    into = merged.into
    rows = []
    for name in SHOWN:
        model_field = Protest._meta.get_field(name)
        before = _shown(into, name)
        after = merged.values.get(name, getattr(into, name))
        after_shown = _shown_value(model_field, after, into)
        if before == after_shown == EMPTY:
            continue  # nothing to say either way
        rows.append(
            {
                "label": model_field.verbose_name,
                "before": before,
                "after": after_shown,
                "changed": before != after_shown,
            }
        )
    return rows


def _shown(protest: Protest, name: str) -> str:
    return _shown_value(Protest._meta.get_field(name), getattr(protest, name), protest)


def _shown_value(model_field: Field, value: object, protest: Protest) -> str:
    if value in (None, ""):
        return EMPTY
    if isinstance(value, date):
        return num(formats.date_format(value, "DATE_FORMAT"))
    if isinstance(value, int):
        return num(value)
    if model_field.name == "country":
        return str(protest.country.name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _merge(
    model_admin: "ProtestAdmin", request: HttpRequest, into: Protest, others: list[Protest]
) -> HttpResponse:
    try:
        kept = services.protests_merge(into=into, others=others, by=request.user)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(reverse("admin:protests_protest_changelist"))
    ids = ", ".join(other.event_id for other in others)
    model_admin.message_user(
        request, gettext(MERGED_DONE) % {"ids": ids, "event_id": kept.event_id}, messages.SUCCESS
    )
    return redirect(reverse("admin:protests_protest_change", args=[kept.pk]))


def duplicates_view(model_admin: "ProtestAdmin", request: HttpRequest) -> HttpResponse:
    """Groups of records of the last year that look like one protest reported more than once."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    since = timezone.localdate() - timedelta(days=DUPLICATES_DAYS)
    groups = [
        {
            "records": group,
            "merge_url": (
                reverse("admin:protests_protest_merge")
                + "?"
                + urlencode({"ids": ",".join(str(r.pk) for r in group)})
            ),
        }
        for group in services.protest_duplicates(since=since)
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Protest._meta,
        "title": _("Possible duplicates"),
        "groups": groups,
        "may_merge": model_admin.has_change_permission(request),
        "days": DUPLICATES_DAYS,
    }
    return TemplateResponse(request, "admin/protests/protest/duplicates.html", context)

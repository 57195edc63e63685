"""The case database's public pages: the list with its filters, a person's profile, figures,
exports and photos. Only published people appear, with their public fields only."""

import mimetypes
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.http import require_safe

from freethem.core import registry
from freethem.core.pagination import page_links
from freethem.prisoners import charts, filters
from freethem.prisoners.exchange import people_to_csv, people_to_json
from freethem.prisoners.models import (
    Case,
    Category,
    Event,
    Person,
    PersonQuerySet,
    Prison,
    Source,
)
from freethem.prisoners.vocab import CustodyStatus, Province

PER_PAGE = 24
# An hour: a photo made staff-only again must leave browser and proxy caches soon.
PHOTO_MAX_AGE = 60 * 60
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def _by_name(people: PersonQuerySet) -> PersonQuerySet:
    return people.order_by("name_fa" if get_language() == "fa" else "name_latin", "pk")


def _page(paginator: Paginator, raw: str | None) -> tuple[Page, bool]:
    """The page asked for, or the nearest one and True when it does not exist."""
    if not raw:
        return paginator.page(1), False
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    valid = 1 <= number <= paginator.num_pages and str(number) == raw
    return paginator.page(min(max(number, 1), paginator.num_pages)), not valid


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    known = filters.labels()
    selection = filters.parse(request.GET, known)
    people = Person.objects.published()
    if selection.q:
        # Searched once, among everyone published, so that the filters' counts (over the
        # matches) and the people listed (the matches narrowed) agree.
        searched = people.search(selection.q)
        matches = Person.objects.filter(pk__in=searched.values("pk"))
        ordered = searched.narrow(selection.chosen)
    else:
        matches = people
        ordered = _by_name(people.narrow(selection.chosen))
    ordered = ordered.select_related("current_prison").prefetch_related(
        "categories", Prefetch("cases", Case.objects.only("pk", "person_id", "arrested_on"))
    )
    page, wrong_page = _page(Paginator(ordered, PER_PAGE), request.GET.get("page"))
    return render(
        request,
        "prisoners/list.html",
        {
            "page": page,
            "page_links": page_links(page, lambda number: "?" + selection.querystring(page=number)),
            "selection": selection,
            "facets": filters.facets(matches, selection, known),
            "ignored_notice": filters.IGNORED_VALUES if selection.ignored else "",
            "year_notice": filters.not_years_notice(selection.not_years)
            if selection.not_years
            else "",
            "page_notice": filters.PAGE_NOT_FOUND if wrong_page else "",
        },
    )


def _profile_queryset() -> PersonQuerySet:
    events = (
        Event.objects.select_related("prison")
        .prefetch_related("sources")
        .order_by(F("occurred_on").asc(nulls_last=True), "pk")
    )
    cases = Case.objects.select_related("court", "judge", "prison").prefetch_related(
        "charges", "sources", "sentences__sources"
    )
    return (
        Person.objects.published()
        .select_related("current_prison")
        .prefetch_related(
            "categories", "other_names", Prefetch("cases", cases), Prefetch("events", events)
        )
    )


def _cited(case: Case) -> list[Source]:
    """The sources of a case and of its sentences, each once."""
    sources = [*case.sources.all(), *(s for x in case.sentences.all() for s in x.sources.all())]
    return list({source.pk: source for source in sources}.values())


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(_profile_queryset(), slug=slug)
    cases = list(person.cases.all())
    for case in cases:
        case.cited = _cited(case)
    return render(
        request,
        "prisoners/detail.html",
        {
            "person": person,
            "cases": cases,
            "events": person.events.all(),
            "totals": person.sentence_totals,
            "share_url": request.build_absolute_uri(person.get_absolute_url()),
            # What other apps add to the page (urgent actions, updates, following).
            "panels": registry.panels("prisoner", request, person),
            "stylesheets": registry.panel_stylesheets("prisoner"),
        },
    )


@dataclass(frozen=True)
class Row:
    value: str  # the list page's filter value, for a link to the people counted
    label: str
    count: int


def _status_rows(people: PersonQuerySet) -> list[Row]:
    found = people.count_by(F("custody_status"))
    return [
        Row(value, str(label), found[value])
        for value, label in CustodyStatus.choices
        if value in found
    ]


def _province_rows(people: PersonQuerySet) -> list[Row]:
    found = people.count_by(F("current_prison__province"))
    rows = [Row(value, str(Province(value).label), n) for value, n in found.items()]
    return sorted(rows, key=lambda row: (-row.count, row.label))


@require_safe
def stats(request: HttpRequest) -> HttpResponse:
    people = Person.objects.published()
    months, year_only = Case.objects.published().arrests_per_month()
    categories = Category.objects.with_published_count()
    return render(
        request,
        "prisoners/stats.html",
        {
            "total": people.count(),
            "by_status": _status_rows(people),
            "by_category": sorted(categories, key=lambda c: (-c.n, c.order)),
            "by_prison": Prison.objects.with_published_count().order_by("-n", "name_en"),
            "by_province": _province_rows(people),
            "months": sorted(months.items()),
            "year_only": year_only,
            "chart": charts.monthly_bars(months, rtl=get_language_bidi()),
        },
    )


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    text = people_to_csv(Person.objects.published(), public=True)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename=prisoners.csv"
    return response


@require_safe
def export_json(request: HttpRequest) -> JsonResponse:
    data = {
        "prisoners": people_to_json(Person.objects.published(), public=True),
        "generated": timezone.now().isoformat(),
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
def photo(request: HttpRequest, slug: str) -> FileResponse:
    """The photo of a published person whose photo is public. Staff-only photos live in
    MEDIA_ROOT too, which is never served as such: this view is their only way out."""
    person = get_object_or_404(Person.objects.published(), slug=slug)
    content_type = mimetypes.guess_type(person.photo.name or "")[0]
    if not person.photo_is_public or content_type not in PHOTO_TYPES:
        raise Http404
    try:
        file = person.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(file, content_type=content_type)
    patch_cache_control(response, public=True, max_age=PHOTO_MAX_AGE)
    return response

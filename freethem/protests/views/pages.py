"""The protest tracker's public pages: the filterable list of published records and the page
of one record. Only published records that were not merged into another appear, with their
public fields only: coordinates no finer than Protest.public_point."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from freethem.core.pagination import page_links
from freethem.prisoners.models import Person
from freethem.protests import filters, maps
from freethem.protests.models import Protest, ProtestSource
from freethem.protests.vocab import State

PER_PAGE = 30
LIST_COUNT_SECONDS = 60
MAX_PAGE_DIGITS = 6  # ?page= longer than this is not a page number
MERGE_HOPS = 5  # a record merged into one merged in turn: links followed at most this far


def _page(paginator: Paginator, raw: str | None) -> tuple[Page, bool]:
    """The page asked for, or the nearest one and True when it does not exist."""
    if not raw:
        return paginator.page(1), False
    ok = raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS
    number = int(raw) if ok else 1
    valid = ok and 1 <= number <= paginator.num_pages and str(number) == raw
    return paginator.page(min(max(number, 1), paginator.num_pages)), not valid


class CountedPaginator(Paginator):
    """Pages of a selection whose total is counted at most once a minute (LIST_COUNT_SECONDS)
    and shared: the count is the page's one query that grows with the records it selects
    (18 ms for a participant group's 9,500 of 100,000 on PostgreSQL). As the figures are, it
    may lag a record published in the last minute; the rows shown never do."""

    def __init__(self, object_list: QuerySet, per_page: int, *, selection: filters.Selection):
        super().__init__(object_list, per_page)
        self.key = (
            "protests:list-count:" + hashlib.sha256(selection.querystring().encode()).hexdigest()
        )

    @cached_property
    def count(self) -> int:
        return cache.get_or_set(self.key, self.object_list.count, LIST_COUNT_SECONDS)


def _ids(selection: filters.Selection) -> QuerySet:
    """The ids of the records chosen, in the list's order: paging through ids reads the index
    alone, however deep the page (protest_public_order)."""
    protests = filters.narrow(filters.public_protests(), selection.chosen)
    return protests.order_by("-date", "location", "pk").values_list("pk", flat=True)


def _rows(ids: list[int]) -> list[Protest]:
    """The records of one page, in the order of their ids."""
    found = (
        Protest.objects.filter(pk__in=ids)
        .select_related("wave")
        .prefetch_related("groups", Prefetch("sources", ProtestSource.objects.only("protest")))
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


@require_safe
def protest_list(request: HttpRequest) -> HttpResponse:
    known = filters.choices()
    selection = filters.parse(request.GET, known)
    paginator = CountedPaginator(_ids(selection), PER_PAGE, selection=selection)
    page, wrong_page = _page(paginator, request.GET.get("page"))
    page.object_list = _rows(list(page.object_list))
    notices = [
        notice
        for notice, shown in (
            (filters.BAD_MONTH, selection.bad_month),
            (filters.IGNORED_VALUES, selection.ignored),
            (filters.PAGE_NOT_FOUND, wrong_page),
        )
        if shown
    ]
    month = selection.month
    return render(
        request,
        "protests/list.html",
        {
            "page": page,
            "page_links": page_links(page, lambda n: "?" + selection.querystring(page=n)),
            "selection": selection,
            "known": known,
            "months": filters.recent_months(),
            "month_label": filters.month_label(month) if month else "",
            "wave_name": known["wave"].get(selection.chosen.get("wave", ""), ""),
            "notices": notices,
        },
    )


def _absorbing(protest: Protest) -> Protest | None:
    """The published record a merged one now lives in, following merges a few hops."""
    for _hop in range(MERGE_HOPS):
        if protest.merged_into_id is None:
            return protest if protest.state == State.PUBLISHED else None
        protest = Protest.objects.get(pk=protest.merged_into_id)
    return None


@require_safe
def protest_detail(request: HttpRequest, event_id: str) -> HttpResponse:
    protest = get_object_or_404(
        Protest.objects.select_related("wave").prefetch_related(
            "groups", "sources", Prefetch("prisoners", Person.objects.published())
        ),
        event_id=event_id,
    )
    if protest.merged_into_id is not None:
        target = _absorbing(protest)
        if target is None:
            raise Http404
        return redirect(target, permanent=True)
    if protest.state != State.PUBLISHED:
        raise Http404
    return render(
        request,
        "protests/detail.html",
        {
            "protest": protest,
            "claims": [line.strip() for line in protest.claims.splitlines() if line.strip()],
            "map": maps.place_map(protest),
        },
    )

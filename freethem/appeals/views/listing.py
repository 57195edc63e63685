"""The appeal's public list of signatures (search by name, filter by country, pages) and its
numbers (counts by country, goal, the count hour by hour).

The list shows confirmed, counted signatures whose signers let us show their names, as they
chose to show them (Signature.objects.listed()), notable signatories first. Whatever a visitor
sends is bounded: the query is cut to search.MAX_QUERY_LENGTH, a page number has at most
MAX_PAGE_DIGITS digits, a country must be one that the list has.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_countries.fields import Country

from freethem.appeals import charts, listing, search, services
from freethem.appeals.views.pages import goal_progress, public_appeal
from freethem.core import pagination

PER_PAGE = 100
MAX_PAGE_DIGITS = 6
# With appeal: rows read through appeal.signatures get their appeal set, which reads appeal_id.
NAME_FIELDS = ("appeal", "public_name", "display", "country", "city", "affiliation", "notable")
PAGE_NOT_FOUND = _("There is no such page: here is the nearest one.")


class CountedPaginator(Paginator):
    """A Paginator that may be told its count instead of counting."""

    def __init__(self, object_list: QuerySet, per_page: int, *, count: int | None) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return super().count if self.known_count is None else self.known_count


def page_of(paginator: Paginator, raw: str) -> tuple[Page, bool]:
    """The page asked for, or the nearest one and True when it does not exist."""
    if not raw:
        return paginator.page(1), False
    fits = raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS
    number = int(raw) if fits else 1
    valid = fits and 1 <= number <= paginator.num_pages and str(number) == raw
    return paginator.page(min(max(number, 1), paginator.num_pages)), not valid


def clean_query(raw: str) -> str:
    """The query as the form shows it back: cut short, without control characters."""
    cut = raw[: search.MAX_QUERY_LENGTH]
    return " ".join("".join(c for c in cut if c.isprintable() or c.isspace()).split())


def page_links(page: Page, params: dict[str, str]) -> dict[str, object]:
    """Links to the other pages of names, keeping the search and the country."""

    def url(number: int) -> str:
        query = QueryDict(mutable=True)
        query.update({key: value for key, value in params.items() if value})
        if number > 1:
            query["page"] = str(number)
        return f"?{query.urlencode()}#names-title" if query else "?#names-title"

    return pagination.page_links(page, url)


def country_options(counts: dict[str, int]) -> list[dict[str, object]]:
    """The countries the list has, by name in the page's language, with their counts."""
    options = [{"code": code, "name": Country(code).name, "count": n} for code, n in counts.items()]
    return sorted(options, key=lambda option: str(option["name"]))


@require_safe
def signatures(request: HttpRequest, slug: str) -> HttpResponse:
    appeal = public_appeal(slug)
    counts = listing.listed_countries(appeal)
    q = clean_query(request.GET.get("q", ""))
    country = request.GET.get("country", "")[:2].upper()
    country = country if country in counts else ""
    found = search.search(appeal.signatures.listed(), q, appeal_id=appeal.pk)
    if country:
        found = found.filter(country=country)
    notable_ids = listing.notable_ids(appeal)
    shown = (
        found.filter(pk__in=notable_ids)
        .select_related("notable_record")
        .order_by("public_name", "pk")
        .only(*NAME_FIELDS, "notable_record")
    )
    notables = list(shown)
    others = found.exclude(pk__in=notable_ids).order_by("-created_at", "-pk").only(*NAME_FIELDS)
    # Without a search the cached counts size the pages: counting the whole list again
    # would be the costliest read of the page.
    listed = counts[country] if country else sum(counts.values())
    known = None if q else max(listed - len(notables), 0)
    paginator = CountedPaginator(others, PER_PAGE, count=known)
    page, wrong_page = page_of(paginator, request.GET.get("page", ""))
    context = {
        "appeal": appeal,
        "q": q,
        "country": country,
        "countries": country_options(counts),
        "listed": sum(counts.values()),
        "searching": bool(q or country),
        "notables": notables if page.number == 1 else [],
        "notable_count": len(notables),
        "found_count": page.paginator.count + len(notables),
        "page": page,
        "page_links": page_links(page, {"q": q, "country": country}),
        "page_notice": PAGE_NOT_FOUND if wrong_page else "",
    }
    return render(request, "appeals/signatures.html", context)


def country_rows(countries: dict[str, int]) -> list[dict[str, object]]:
    """A row per country, largest first (ties by name): its name in the page's language, its
    count and share (a percentage with one decimal, as a string with a point: the template
    localises it)."""
    total = sum(countries.values()) or 1
    rows = [
        {"code": code, "name": Country(code).name, "count": n, "share": f"{n * 100 / total:.1f}"}
        for code, n in countries.items()
    ]
    return sorted(rows, key=lambda row: (-int(row["count"]), str(row["name"])))


@require_safe
def numbers(request: HttpRequest, slug: str) -> HttpResponse:
    appeal = public_appeal(slug)
    count = services.count_data(appeal)
    rtl = get_language_bidi()
    rows = country_rows(count["countries"])
    names = {str(row["code"]): str(row["name"]) for row in rows}
    hours = [(timezone.localtime(hour), n) for hour, n in listing.history(appeal)]
    context = {
        "appeal": appeal,
        "count": count,
        "country_count": len(count["countries"]),
        "progress": goal_progress(count["confirmed"], appeal),
        "rows": rows,
        "bars": charts.country_bars(count["countries"], names=names, rtl=rtl),
        "line": charts.history_line(hours, rtl=rtl),
    }
    return render(request, "appeals/numbers.html", context)

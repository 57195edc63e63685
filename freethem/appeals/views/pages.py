"""The appeal's public pages: the appeal with its sign form, the index, the count, the
history, the ad; and the proof-of-work challenge the sign form fetches."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from freethem.appeals import defences, services
from freethem.appeals.forms import SignForm
from freethem.appeals.models import Appeal, AppealState, CountSnapshot
from freethem.core.memo import Memo
from freethem.core.spreadsheet import csv_response

NAMES_PER_PAGE = 100
AD_NAMES = 5000
NOTABLES_SHOWN = 50


def public_appeal(slug: str) -> Appeal:
    return get_object_or_404(Appeal.objects.public(), slug=slug)


# Appeals by slug as the sign endpoint reads them; None for no public appeal of that slug.
APPEAL_SECONDS = 2
SIGNING_APPEALS = Memo(
    lambda slug: Appeal.objects.public().filter(slug=slug).first(), seconds=APPEAL_SECONDS
)
SIGNING_APPEALS.clear_on_change(Appeal)


def _closed_reason(appeal: Appeal) -> str:
    """Why the appeal takes no signatures now: "paused", "closed", "not-yet" or ""."""
    if appeal.is_open:
        return ""
    if appeal.state == AppealState.PAUSED:
        return "paused"
    if appeal.state == AppealState.OPEN and appeal.opens_at and appeal.opens_at > timezone.now():
        return "not-yet"
    return "closed"


def _page_of_names(request: HttpRequest, appeal: Appeal) -> Page:
    names = appeal.signatures.listed().order_by("-confirmed_at", "-pk")
    paginator = Paginator(
        names.only("appeal", "public_name", "display", "country", "city", "affiliation"),
        NAMES_PER_PAGE,
    )
    return paginator.get_page(request.GET.get("page"))


def goal_progress(confirmed: int, appeal: Appeal) -> dict:
    """The count toward the goal as the page draws it: where the bar is filled to and where
    each milestone sits, in percent of the scale (the goal, or a milestone beyond it), as
    strings with a point whatever the language (they go into SVG attributes)."""
    milestones = sorted(m for m in appeal.milestones if isinstance(m, int) and m > 0)
    scale = max([appeal.goal, *milestones]) or 1

    def at(number: int) -> str:
        return f"{min(number, scale) * 100 / scale:.2f}"

    return {
        "filled": at(confirmed),
        "value": min(confirmed, appeal.goal),
        "milestones": [
            {"count": m, "reached": confirmed >= m, "at": at(m), "is_goal": m == appeal.goal}
            for m in milestones
        ],
    }


def render_appeal(
    request: HttpRequest, appeal: Appeal, form: SignForm | None = None
) -> HttpResponse:
    count = services.count_data(appeal)
    reason = _closed_reason(appeal)
    context = {
        "appeal": appeal,
        "paragraphs": [part.strip() for part in appeal.text.split("\n\n") if part.strip()],
        "count": count,
        "country_count": len(count["countries"]),
        "progress": goal_progress(count["confirmed"], appeal),
        "notables": appeal.signatures.notables()[:NOTABLES_SHOWN],
        "names": _page_of_names(request, appeal),
        "closed_reason": reason,
        "form": None if reason else (form or _sign_form(request)),
    }
    return render(request, "appeals/detail.html", context)


def _sign_form(request: HttpRequest) -> SignForm:
    """The empty sign form, carrying the share or source code of the link the visitor came
    through (?via=), if it has the form of one; whether it is live is judged on signing."""
    return SignForm(initial={"via": services.via_normalise(request.GET.get("via"))})


@require_GET
@never_cache  # each signer needs a challenge of their own
def challenge(request: HttpRequest) -> JsonResponse:
    """The proof-of-work challenge the sign form's ALTCHA widget fetches."""
    return JsonResponse(defences.challenge_create())


@require_safe
def featured(request: HttpRequest) -> HttpResponse:
    appeal = Appeal.objects.featured()
    if appeal is None:
        return render(request, "appeals/none.html")
    return render_appeal(request, appeal)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render_appeal(request, public_appeal(slug))


@require_safe
def count_json(request: HttpRequest, slug: str) -> JsonResponse:
    # The hottest read of a viral appeal: answered from the cache by slug, without even the
    # appeal's row, while the cached count is fresh.
    response = JsonResponse(services.count_data_by_slug(slug, public_appeal))
    response["Cache-Control"] = f"public, max-age={services.COUNT_CACHE_SECONDS}"
    return response


@require_safe
def history_csv(request: HttpRequest, slug: str) -> HttpResponse:
    appeal = public_appeal(slug)
    snapshots = CountSnapshot.objects.filter(appeal=appeal).order_by("hour")
    rows = [
        ("hour", "confirmed", "countries"),
        *(
            (snapshot.hour.isoformat(timespec="minutes"), snapshot.confirmed, snapshot.countries)
            for snapshot in snapshots
        ),
    ]
    return csv_response(rows, filename=f"{appeal.slug}-history.csv")


@require_safe
def ad(request: HttpRequest, slug: str) -> HttpResponse:
    """The appeal as a newspaper advertisement: text, count and the names in columns."""
    appeal = public_appeal(slug)
    names = (
        appeal.signatures.listed().order_by("public_name").only("public_name", "display", "country")
    )
    context = {
        "appeal": appeal,
        "paragraphs": [part.strip() for part in appeal.text.split("\n\n") if part.strip()],
        "count": services.count_data(appeal),
        "notables": appeal.signatures.notables()[:NOTABLES_SHOWN],
        "names": names[:AD_NAMES],
    }
    return render(request, "appeals/ad.html", context)


# The index's order: appeals open for signing first, then those that will or may open again,
# then the closed ones; in each group as the model orders them (featured, then newest).
INDEX_ORDER = {"": 0, "not-yet": 1, "paused": 1, "closed": 2}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every appeal the public may see (no drafts), with its live count and goal."""
    entries = []
    for appeal in Appeal.objects.public():
        text = appeal.text.split("\n\n", 1)[0].strip()
        entries.append(
            {
                "appeal": appeal,
                "summary": text,
                "count": services.count_data(appeal)["confirmed"],
                "closed_reason": _closed_reason(appeal),
            }
        )
    entries.sort(key=lambda entry: INDEX_ORDER[entry["closed_reason"]])
    return render(request, "appeals/index.html", {"entries": entries})

"""The appeal's public pages: the appeal with its sign form, the count, the confirmation
button and the signer's personal page, and the proof-of-work challenge the sign form fetches.
The work is done in services."""

import json

from django.core import signing
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from freethem.appeals import defences, services
from freethem.appeals.forms import DisplayForm, EmailForm, SignForm
from freethem.appeals.models import (
    Appeal,
    AppealState,
    CountSnapshot,
    Signature,
    SignatureState,
)
from freethem.core.memo import Memo
from freethem.core.net import client_ip
from freethem.core.spreadsheet import csv_response

NAMES_PER_PAGE = 100
AD_NAMES = 5000


def _appeal(slug: str) -> Appeal:
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
        names.only("public_name", "display", "country", "city", "affiliation"), NAMES_PER_PAGE
    )
    return paginator.get_page(request.GET.get("page"))


def _progress(confirmed: int, appeal: Appeal) -> dict:
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


def _render_appeal(
    request: HttpRequest, appeal: Appeal, form: SignForm | None = None
) -> HttpResponse:
    count = services.count_data(appeal)
    reason = _closed_reason(appeal)
    context = {
        "appeal": appeal,
        "paragraphs": [part.strip() for part in appeal.text.split("\n\n") if part.strip()],
        "count": count,
        "country_count": len(count["countries"]),
        "progress": _progress(count["confirmed"], appeal),
        "notables": appeal.signatures.listed().filter(notable=True).order_by("public_name")[:50],
        "names": _page_of_names(request, appeal),
        "closed_reason": reason,
        "form": None if reason else (form or SignForm()),
    }
    return render(request, "appeals/detail.html", context)


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
    return _render_appeal(request, appeal)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_appeal(request, _appeal(slug))


@require_POST
def sign(request: HttpRequest, slug: str) -> HttpResponse:
    # The hottest write of a viral appeal: the appeal comes from this process's memo (a pause
    # reaches every process within APPEAL_SECONDS), the rules and limits too (defences).
    appeal = SIGNING_APPEALS.get(slug)
    if appeal is None:
        raise Http404
    if not appeal.is_open:
        return redirect(appeal)
    form = SignForm(request.POST)
    if not form.is_valid():
        return _render_appeal(request, appeal, form)
    data = form.cleaned_data
    ip = client_ip(request)
    normalised = services.normalise_email(data["email"])
    checks = defences.check(
        form=form,
        email_hash=services.email_hash(data["email"]),
        email_domain=normalised.rsplit("@", 1)[1],
        ip=ip,
    )
    services.signature_create(
        appeal=appeal,
        name=data["name"],
        email=data["email"],
        country=data["country"],
        city=data["city"],
        affiliation=data["affiliation"],
        display=data["display"],
        wants_updates=data["wants_updates"],
        language=get_language(),
        ip=ip,
        checks=checks,
    )
    return redirect("appeals:sent", appeal.slug)


def sent(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Check your email", also after signing again; with a form to ask for a new link."""
    appeal = _appeal(slug)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Limited per address and per network, silently: the page is the same either way.
        services.signature_resend(
            appeal=appeal, email=form.cleaned_data["email"], ip=client_ip(request)
        )
        return redirect("appeals:sent", appeal.slug)
    return render(request, "appeals/sent.html", {"appeal": appeal, "form": form})


# Pages whose address is a signer's secret link send Cache-Control: no-store (never_cache),
# so no shared cache or browser history keeps them.


def _awaits_check(signature: Signature) -> bool:
    """Confirmed but held: signed without the browser check (JavaScript off), so it counts
    once staff have checked it. Every signature without the check is held and no other is,
    so the page says to these signers what the sign form's note said to them already (never
    "is confirmed", which reads as counted). Whether a signature is suspect is never shown:
    a suspect signer sees what everyone else sees."""
    return signature.state == SignatureState.CONFIRMED and signature.held


@never_cache
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """GET shows the button (mail scanners follow links: they must not confirm); POST confirms."""
    appeal = _appeal(slug)
    try:
        signature = services.signature_from_confirm_token(token)
    except signing.SignatureExpired:
        return render(request, "appeals/link_expired.html", {"appeal": appeal, "form": EmailForm()})
    if signature is None or signature.appeal_id != appeal.pk:
        return render(
            request,
            "appeals/link_invalid.html",
            {"appeal": appeal, "form": EmailForm()},
            status=404,
        )
    if request.method == "POST":
        services.signature_confirm(signature=signature)
        return redirect("appeals:personal", appeal.slug, services.personal_token(signature))
    return render(
        request,
        "appeals/confirm.html",
        {"appeal": appeal, "signature": signature, "awaits_check": _awaits_check(signature)},
    )


def _signer(slug: str, token: str) -> Signature:
    signature = services.signature_from_personal_token(token)
    if signature is None or signature.appeal.slug != slug:
        raise Http404
    return signature


@never_cache
def personal(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The signer's page: how the name is shown (a form), their data, withdrawal."""
    signature = _signer(slug, token)
    form = DisplayForm(request.POST or None, initial={"display": signature.display})
    if request.method == "POST" and form.is_valid():
        services.signature_update_display(signature=signature, display=form.cleaned_data["display"])
        return redirect("appeals:personal", slug, token)
    return render(
        request,
        "appeals/personal.html",
        {
            "appeal": signature.appeal,
            "signature": signature,
            "form": form,
            "token": token,
            "awaits_check": _awaits_check(signature),
        },
    )


@never_cache
@require_POST
def withdraw(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    signature = _signer(slug, token)
    appeal = signature.appeal
    services.signature_withdraw(signature=signature)
    return render(request, "appeals/withdrawn.html", {"appeal": appeal})


@never_cache
@require_safe
def my_data(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    signature = _signer(slug, token)
    response = HttpResponse(
        json.dumps(services.signature_data(signature), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="signature-{slug}.json"'
    return response


@require_safe
def count_json(request: HttpRequest, slug: str) -> JsonResponse:
    # The hottest read of a viral appeal: answered from the cache by slug, without even the
    # appeal's row, while the cached count is fresh.
    response = JsonResponse(services.count_data_by_slug(slug, _appeal))
    response["Cache-Control"] = f"public, max-age={services.COUNT_CACHE_SECONDS}"
    return response


@require_safe
def history_csv(request: HttpRequest, slug: str) -> HttpResponse:
    appeal = _appeal(slug)
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
    appeal = _appeal(slug)
    names = (
        appeal.signatures.listed().order_by("public_name").only("public_name", "display", "country")
    )
    context = {
        "appeal": appeal,
        "paragraphs": [part.strip() for part in appeal.text.split("\n\n") if part.strip()],
        "count": services.count_data(appeal),
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

"""Fundraising drives' public pages: the index (open drives, then past ones with their
reports), a drive's page (purpose, progress, donors who asked to be named, the give form or
how to give offline), its progress as JSON for the page's small script, the public report, and
the thank-you page the processor sends donors back to.

The give form posts here; a valid gift is stored PENDING and the visitor is redirected (303)
to the processor's hosted page. Nothing of the processor is loaded on our pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from freethem.actions.models import Drive
from freethem.actions.money import money
from freethem.actions.services import support as services
from freethem.actions.support_forms import TOO_MANY_GIFTS, GiveForm
from freethem.core.net import client_ip
from freethem.core.pagination import page_links
from freethem.core.templatetags.freethem import grouped

# Open drives are few; the cap only bounds the work of a page.
MAX_OPEN = 20
PAST_PER_PAGE = 10
# Named donors shown on a drive's page, newest first.
DONORS_SHOWN = 200


def _drive(slug: str) -> Drive:
    if len(slug) > 80:
        raise Http404
    return get_object_or_404(Drive.objects.public(), slug=slug)


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and len(raw) <= 6 and raw.isascii() and raw.isdigit() else 1


def _expenses(drive: Drive) -> list[dict[str, object]]:
    """The drive's expenses for its report, each described in the reader's language."""
    return [
        {"expense": expense, "description": expense.in_language("description")}
        for expense in drive.expenses.all()
    ]


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    open_drives = [
        (drive, services.drive_totals(drive)) for drive in Drive.objects.open()[:MAX_OPEN]
    ]
    paginator = Paginator(Drive.objects.past(), PAST_PER_PAGE)
    page = paginator.get_page(_page_number(request.GET.get("page")))
    past = [(drive, services.drive_totals(drive)) for drive in page]
    context = {
        "open_drives": open_drives,
        "past": past,
        "page": page,
        "page_links": page_links(page, lambda number: f"?page={number}#past"),
    }
    return render(request, "actions/support/index.html", context)


def _give_form(drive: Drive, data: object = None) -> GiveForm:
    return GiveForm(
        data, currency=drive.currency, money=lambda amount: money(amount, drive.currency)
    )


def _render_drive(
    request: HttpRequest, drive: Drive, form: GiveForm | None = None, *, status: int = 200
) -> HttpResponse:
    totals = services.drive_totals(drive)
    takes_gifts = drive.is_open and services.payments_configured()
    named = drive.gifts.confirmed().exclude(public_name="").order_by("-confirmed_at", "-pk")
    context = {
        "drive": drive,
        "title": drive.in_language("title"),
        "purpose": drive.in_language("purpose"),
        "report": drive.in_language("report"),
        "totals": totals,
        "takes_gifts": takes_gifts,
        "form": (form or _give_form(drive)) if takes_gifts else None,
        "donors": named.values_list("public_name", flat=True)[:DONORS_SHOWN],
        "donor_count": named.count(),
        "offline": drive.in_language("offline"),
        "contact": settings.FREETHEM_PAYMENT_CONTACT,
        "expenses": _expenses(drive) if not drive.is_open else [],
    }
    response = render(request, "actions/support/drive.html", context, status=status)
    if takes_gifts:
        # The form's redirect goes to the processor: a form's redirect is checked against
        # form-action too, so this page (alone) allows the processor's host there.
        url = urlsplit(settings.FREETHEM_PAYMENT_URL)
        response._csp_update = {"form-action": [f"{url.scheme}://{url.netloc}"]}  # type: ignore[attr-defined]
    return response


@require_safe
def drive(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_drive(request, _drive(slug))


@require_http_methods(["GET", "HEAD", "POST"])
def give(request: HttpRequest, slug: str) -> HttpResponse:
    """POST: start a gift and leave for the processor's page; GET: the drive's page."""
    found = _drive(slug)
    if request.method != "POST":
        return redirect(found.get_absolute_url() + "#give")
    form = _give_form(found, request.POST)
    if not (found.is_open and services.payments_configured()):
        return _render_drive(request, found, status=409)
    if not form.is_valid():
        return _render_drive(request, found, form)
    if form.is_trapped:  # a bot: nothing stored, back to the page
        return _see_other(found.get_absolute_url())
    data = form.cleaned_data
    try:
        gift = services.gift_start(
            drive=found,
            amount=data["amount"],
            public_name=data["public_name"] if data["named"] else "",
            ip=client_ip(request),
        )
    except services.TooManyGifts:
        form.add_error(None, TOO_MANY_GIFTS)
        return _render_drive(request, found, form, status=429)
    except (services.DriveClosed, services.PaymentsOff):
        return _render_drive(request, found, status=409)
    return _see_other(services.payment_url(gift))


def _see_other(url: str) -> HttpResponse:
    """303: the browser follows with a GET, whatever the processor's page would do with a
    POST (and without our form's fields)."""
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_safe
def progress_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The figures of the drive's progress, written for the page's language, for the page's
    script to put in place; cached as the totals are."""
    found = _drive(slug)
    totals = services.drive_totals(found)
    raised, goal = money(totals.raised, found.currency), money(totals.goal, found.currency)
    # The same words as _progress.html's (the same msgids), so the page reads the same after.
    response = JsonResponse(
        {
            "raised": raised,
            "gifts": ngettext("%(n)s gift", "%(n)s gifts", totals.gifts)
            % {"n": grouped(totals.gifts)},
            "percent": gettext("%(percent)s%% of the goal") % {"percent": grouped(totals.percent)},
            "filled": totals.filled,
            "valuetext": gettext("%(raised)s of %(goal)s") % {"raised": raised, "goal": goal},
        }
    )
    response["Cache-Control"] = f"public, max-age={services.TOTALS_SECONDS}"
    return response


@require_safe
def report(request: HttpRequest, slug: str) -> HttpResponse:
    found = _drive(slug)
    context = {
        "drive": found,
        "title": found.in_language("title"),
        "report": found.in_language("report"),
        "totals": services.drive_totals(found),
        "expenses": _expenses(found),
    }
    return render(request, "actions/support/report.html", context)


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    """Where the processor sends donors back: their gift counts once its webhook confirms it."""
    return render(
        request, "actions/support/thanks.html", {"open_drives": Drive.objects.open()[:MAX_OPEN]}
    )

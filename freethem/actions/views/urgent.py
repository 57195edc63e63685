"""Urgent actions' public pages: the open ones, the archive, an action's page with its "I took
this action" button, the letter writer (page, PDF) and the solidarity card (page, PDF); and the
panel of a prisoner's open urgent actions on their page.

The letter and card forms are POSTed, not sent as GET: the supporter's name then stays out of
addresses, and so out of server and proxy logs, browser history and Referer headers. Nothing
the supporter types is stored; it lives only in the request that fills the letter.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from freethem.actions.models import Official, UrgentAction
from freethem.actions.models.urgent import UrgentActionQuerySet
from freethem.actions.services import letter_pdf as pdfs
from freethem.actions.services import letters
from freethem.actions.services import urgent as services
from freethem.actions.urgent_forms import CardForm, LetterForm, targets
from freethem.actions.vocab import LETTER_LANGUAGES, OfficialRole
from freethem.appeals.printing import PrintingUnavailable
from freethem.core.net import client_ip
from freethem.core.pagination import page_links
from freethem.prisoners.models import Person, published

TOO_MANY_PDFS = _(
    "Too many PDFs were made from your network in the last hour. Please try again later, "
    "or copy the letter."
)
NO_PDFS = _("PDFs cannot be made right now. Please copy the letter instead.")
ARCHIVE_PER_PAGE = 12
THANKS = "thanks"  # the query parameter of the page shown after "I took this action"
MAX_OPEN = 100  # open actions are few; the cap only bounds the page's work


def _public() -> UrgentActionQuerySet:
    """Published actions about people whose record is public."""
    return UrgentAction.objects.public().filter(published("prisoner__"))


def _shown(slug: str) -> UrgentAction:
    if len(slug) > 80:
        raise Http404
    actions = (
        _public()
        .select_related("prisoner__current_prison")
        .prefetch_related(
            Prefetch("officials", Official.objects.order_by("role", "position", "pk")), "letters"
        )
    )
    return get_object_or_404(actions, slug=slug)


def _page_number(raw: str | None) -> int:
    return int(raw) if raw and len(raw) <= 6 and raw.isascii() and raw.isdigit() else 1


def _language() -> str:
    return "fa" if (get_language() or "").startswith("fa") else "en"


@require_safe
def urgent_list(request: HttpRequest) -> HttpResponse:
    actions = _public().active().select_related("prisoner")[:MAX_OPEN]
    archived = _public().archived().exists()
    return render(
        request, "actions/urgent/list.html", {"actions": actions, "has_archive": archived}
    )


@require_safe
def urgent_archive(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(_public().archived().select_related("prisoner"), ARCHIVE_PER_PAGE)
    page = paginator.get_page(_page_number(request.GET.get("page")))
    return render(
        request,
        "actions/urgent/archive.html",
        {"page": page, "page_links": page_links(page, lambda number: f"?page={number}")},
    )


@require_safe
def urgent_detail(request: HttpRequest, slug: str) -> HttpResponse:
    action = _shown(slug)
    officials = list(action.officials.all())
    return render(
        request,
        "actions/urgent/detail.html",
        {
            "action": action,
            "person": action.prisoner,
            "targets": [o for o in officials if o.role == OfficialRole.TARGET],
            "copies": [o for o in officials if o.role == OfficialRole.COPY],
            "languages": _letter_languages(action),
            "taken": services.has_taken(request.session, action) or request.GET.get(THANKS) == "1",
        },
    )


def _letter_languages(action: UrgentAction) -> list[str]:
    written = {letter.language for letter in action.letters.all()}
    return [str(name) for code, name in LETTER_LANGUAGES if code in written]


@require_POST
def urgent_take(request: HttpRequest, slug: str) -> HttpResponse:
    action = _shown(slug)
    try:
        services.urgent_action_take(
            urgent_action=action, session=request.session, ip=client_ip(request)
        )
    except services.UrgentActionClosed:  # closed since it was shown: the page says so
        return redirect(f"{action.get_absolute_url()}#take")
    # The thanks also for a browser past its network's limit, whose session stays unwritten.
    return redirect(f"{action.get_absolute_url()}?{THANKS}=1#take")


def _letter_form(request: HttpRequest, action: UrgentAction) -> LetterForm:
    written = {letter.language for letter in action.letters.all()}
    official = request.GET.get("official", "")
    initial = {
        "language": request.GET.get("language", "")[:5] or _language(),
        "official": official[:10] if official.isdigit() else "",
    }
    if initial["language"] not in written and written:
        initial["language"] = "en" if "en" in written else sorted(written)[0]
    data = request.POST if request.method == "POST" else None
    return LetterForm(data, urgent_action=action, initial=initial)


def _filled(form: LetterForm, action: UrgentAction) -> letters.Letter:
    data = form.cleaned_data
    model = next(m for m in action.letters.all() if m.language == data["language"])
    return letters.letter_fill(
        model=model,
        official=form.officials[data["official"]],
        supporter=letters.Supporter(
            name=" ".join(data["name"].split()),
            town=" ".join(data["town"].split()),
            country=data["country"],
        ),
        today=timezone.localdate(),
    )


def _closed(action: UrgentAction) -> HttpResponse | None:
    if not action.is_active or not action.letters.all() or not targets(action):
        return redirect(action.get_absolute_url())
    return None


@never_cache
def urgent_letter(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the form; POST: the form and the filled letter with its three ways out."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    action = _shown(slug)
    if closed := _closed(action):
        return closed
    form = _letter_form(request, action)
    context: dict[str, object] = {"action": action, "person": action.prisoner, "form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            letter = _filled(form, action)
            mailto, whole = letters.mailto_link(letter)
            context.update(letter=letter, mailto=mailto, mailto_whole=whole)
        else:
            status = 400
    return render(request, "actions/urgent/letter.html", context, status=status)


def _busy(request: HttpRequest, action: UrgentAction, *, status: int) -> HttpResponse:
    message = TOO_MANY_PDFS if status == 429 else NO_PDFS
    context = {"action": action, "message": message}
    return render(request, "actions/urgent/busy.html", context, status=status)


@never_cache
@require_POST
def urgent_letter_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    action = _shown(slug)
    if closed := _closed(action):
        return closed
    form = _letter_form(request, action)
    if not form.is_valid():
        context = {"action": action, "person": action.prisoner, "form": form}
        return render(request, "actions/urgent/letter.html", context, status=400)
    if not services.pdf_allowed(ip=client_ip(request)):
        return _busy(request, action, status=429)
    letter = _filled(form, action)
    try:
        pdf = pdfs.letter_pdf(
            letter, date_text=letters.letter_date(timezone.localdate(), letter.language)
        )
    except PrintingUnavailable:
        return _busy(request, action, status=503)
    return _pdf_response(pdf, f"letter-{action.slug}-{letter.language}.pdf")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def card_address(action: UrgentAction) -> str:
    """Where the card goes: the action's address for cards, else the prison from the record."""
    if action.card_address:
        return action.card_address
    prison = action.prisoner.current_prison
    if prison is None:
        return ""
    persian = _language() == "fa"
    name = (prison.name_fa if persian else prison.name_en) or prison.name_en
    city = (prison.city_fa if persian else prison.city_en) or prison.city_en
    return "\n".join(
        line
        for line in (
            letters.prisoner_name(action.prisoner, _language()),
            name,
            city,
            gettext("Iran"),
        )
        if line
    )


@never_cache
def urgent_card(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the card's greeting, where it goes and the form; POST: the card as a PDF."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    action = _shown(slug)
    greeting = action.greeting
    if not action.is_active or not greeting:
        return redirect(action.get_absolute_url())
    form = CardForm(request.POST if request.method == "POST" else None)
    address = card_address(action)
    if request.method == "POST" and form.is_valid():
        if not services.pdf_allowed(ip=client_ip(request)):
            return _busy(request, action, status=429)
        data = form.cleaned_data
        comma = "، " if _language() == "fa" else ", "
        signature = comma.join(p for p in (data["first_name"], data["town"]) if p)
        try:
            pdf = pdfs.card_pdf(
                greeting=greeting, signature=signature, address=address, language=_language()
            )
        except PrintingUnavailable:
            return _busy(request, action, status=503)
        return _pdf_response(pdf, f"card-{action.slug}.pdf")
    status = 400 if request.method == "POST" else 200
    context = {"action": action, "person": action.prisoner, "form": form, "greeting": greeting}
    return render(
        request, "actions/urgent/card.html", {**context, "address": address}, status=status
    )


def prisoner_panel(request: HttpRequest, person: Person) -> str:
    """The person's open urgent actions, for their page (nothing when there are none)."""
    actions = list(_public().active().filter(prisoner=person))
    if not actions:
        return ""
    return render_to_string(
        "actions/urgent/_prisoner_panel.html", {"actions": actions}, request=request
    )

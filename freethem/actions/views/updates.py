"""Updates' public pages: the list (newest first, by kind) and an update's page, with its
video and audio as placeholders that load nothing from another site until the visitor asks.
Drafts and updates published for later are never shown."""

from collections.abc import Iterable

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from freethem.actions.embeds import EMBED_HOSTS, embed_url, host_name
from freethem.actions.models import Update, UpdateMedia
from freethem.actions.vocab import UpdateKind
from freethem.appeals.models import Appeal
from freethem.core.pagination import page_links
from freethem.events.models import Event
from freethem.prisoners.models import Person

PER_PAGE = 12
SLUG_MAX = 100
# Updates the prisoner page's section lists.
PANEL_UPDATES = 3


def _page_number(raw: str | None) -> int:
    # Bounded and plain: anything but a short number is page 1.
    return int(raw) if raw and len(raw) <= 6 and raw.isascii() and raw.isdigit() else 1


def _kind(raw: str | None) -> str:
    """The kind asked for, or "" (every kind) for anything that is not one."""
    return raw if raw and len(raw) <= 20 and raw in UpdateKind.values else ""


def _with_prisoners() -> Prefetch:
    return Prefetch("prisoners", Person.objects.published().order_by("name_latin"))


def _shown(updates: Iterable[Update]) -> list[Update]:
    """The updates, each with its title and summary in the page's language."""
    shown = list(updates)
    for update in shown:
        update.shown_title = update.in_language("title")  # type: ignore[attr-defined]
        update.shown_summary = update.in_language("summary")  # type: ignore[attr-defined]
    return shown


@require_safe
def update_list(request: HttpRequest) -> HttpResponse:
    kind = _kind(request.GET.get("kind"))
    updates = Update.objects.public().prefetch_related(_with_prisoners())
    if kind:
        updates = updates.filter(kind=kind)
    page = Paginator(updates, PER_PAGE).get_page(_page_number(request.GET.get("page")))
    page.object_list = _shown(page.object_list)
    prefix = f"?kind={kind}&" if kind else "?"
    return render(
        request,
        "actions/updates/list.html",
        {
            "page": page,
            "kind": kind,
            "kind_label": UpdateKind(kind).label if kind else "",
            "kinds": [
                {"value": value, "label": label, "url": f"?kind={value}"}
                for value, label in UpdateKind.choices
            ],
            "page_links": page_links(page, lambda number: f"{prefix}page={number}"),
        },
    )


def _media(media: UpdateMedia) -> dict[str, object]:
    return {"item": media, "host": host_name(media.url), "embed": embed_url(media.url)}


@require_safe
def update_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if len(slug) > SLUG_MAX:
        raise Http404
    updates = Update.objects.public().prefetch_related(
        _with_prisoners(),
        Prefetch("appeals", Appeal.objects.public().order_by("title_en")),
        Prefetch("events", Event.objects.public().prefetch_related("texts")),
        "media",
    )
    update = get_object_or_404(updates, slug=slug)
    media = [_media(item) for item in update.media.all()]
    response = render(
        request,
        "actions/updates/detail.html",
        {
            "update": update,
            "title": update.in_language("title"),
            "summary": update.in_language("summary"),
            "body": update.in_language("body"),
            "prisoners": update.prisoners.all(),
            "appeals": update.appeals.all(),
            "events": update.events.all(),
            "media": media,
            "feed_url": reverse("updates:feed"),
        },
    )
    if any(item["embed"] for item in media):
        # The players a visitor may ask for; this page alone lets them be framed (nothing
        # loads from them until the visitor presses the button: updates.js).
        response._csp_update = {"frame-src": list(EMBED_HOSTS)}  # type: ignore[attr-defined]
    return response


def prisoner_panel(request: HttpRequest, person: Person) -> str:
    """The prisoner page's section (a registry Panel): their latest updates, their feed, and
    the form to follow them."""
    found = _shown(Update.objects.public().filter(prisoners=person)[: PANEL_UPDATES + 1])
    context = {
        "person": person,
        "updates": found[:PANEL_UPDATES],
        "more": len(found) > PANEL_UPDATES,
    }
    return render_to_string("actions/updates/_panel.html", context, request=request)

"""Campaign events' public pages: the list (upcoming first, then past events with their
reports and photos) and an event's page. Drafts are never shown; cancelled events stay,
marked. A private address (or link) is never on a public page: those who RSVP get it by mail."""

import mimetypes

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from freethem.appeals.models import Appeal
from freethem.core.pagination import page_links
from freethem.events import services
from freethem.events.models import Event, EventPhoto, EventQuerySet
from freethem.events.vocab import State
from freethem.prisoners.models import Person

# Upcoming events are few; the cap only bounds the work of a page.
MAX_UPCOMING = 100
PAST_PER_PAGE = 12
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}
# A day: an event's photos rarely change once its report is written.
PHOTO_MAX_AGE = 24 * 60 * 60


def _shown(events: EventQuerySet) -> EventQuerySet:
    return events.prefetch_related("texts", "photos")


def _page_number(raw: str | None) -> int:
    # Bounded and plain: anything but a short number is page 1.
    return int(raw) if raw and len(raw) <= 6 and raw.isascii() and raw.isdigit() else 1


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    public = Event.objects.public()
    upcoming = list(_shown(public.upcoming())[:MAX_UPCOMING])
    paginator = Paginator(_shown(public.past()), PAST_PER_PAGE)
    page = paginator.get_page(_page_number(request.GET.get("page")))
    return render(
        request,
        "events/list.html",
        {
            "upcoming": upcoming,
            "past": page,
            "page_links": page_links(page, lambda number: f"?page={number}#past"),
        },
    )


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    events = Event.objects.public().prefetch_related(
        "texts",
        "photos",
        Prefetch("prisoners", Person.objects.published().order_by("name_latin")),
    )
    event = get_object_or_404(events, slug=slug)
    appeal = event.appeal if event.appeal_id else None
    if appeal is not None and not Appeal.objects.public().filter(pk=appeal.pk).exists():
        appeal = None
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "text": event.text(),
            "places_left": services.places_left(event),
            "prisoners": event.prisoners.all(),
            "appeal": appeal,
            "is_past": event.ends_at < timezone.now(),
            "open_for_rsvp": event.state == State.PUBLISHED and event.ends_at >= timezone.now(),
        },
    )


@require_safe
def photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A photo of a public event. Uploads are never served from MEDIA_URL: this view is a
    photo's only way out."""
    found = get_object_or_404(
        EventPhoto.objects.filter(event__in=Event.objects.public()), pk=pk, event__slug=slug
    )
    content_type = mimetypes.guess_type(found.image.name or "")[0]
    if content_type not in PHOTO_TYPES:
        raise Http404
    try:
        file = found.image.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(file, content_type=content_type)
    patch_cache_control(response, public=True, max_age=PHOTO_MAX_AGE)
    return response

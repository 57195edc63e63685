"""RSVP pages: the form (its own page, and the snippet on the event's page posts here),
"check your email", and the person's page behind the mailed link, where a button confirms or
cancels (GET only shows it: mail scanners follow links and must change nothing)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from freethem.core.net import client_ip
from freethem.events import services
from freethem.events.mail import when_text
from freethem.events.models import Event, Rsvp
from freethem.events.rsvp_forms import RsvpForm
from freethem.events.services.rsvps import waiting_position
from freethem.events.vocab import RsvpState


def _public_event(slug: str) -> Event:
    if len(slug) > 80:
        raise Http404
    events = Event.objects.public().prefetch_related("texts")
    return get_object_or_404(events, slug=slug)


def _context(event: Event, **more: object) -> dict[str, object]:
    return {
        "event": event,
        "event_url": event.get_absolute_url(),
        "when": when_text(event),
        "open": services.rsvp_is_open(event),
        "places_left": services.places_left(event),
        **more,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the form on its own page; POST: register (the event page's snippet posts here)."""
    event = _public_event(slug)
    form = RsvpForm(request.POST if request.method == "POST" else None)
    is_open = services.rsvp_is_open(event)
    if request.method == "POST" and is_open and form.is_valid():
        if form.is_trapped:  # a bot: the same page as anyone, nothing stored or mailed
            return redirect("events:rsvp_sent", event.slug)
        data = form.cleaned_data
        try:
            services.rsvp_create(
                event=event,
                name=data["name"],
                email=data["email"],
                language=get_language() or "en",
                ip=client_ip(request),
            )
        except services.RsvpClosed:
            is_open = False  # closed since the page was shown: the page says so
        else:
            return redirect("events:rsvp_sent", event.slug)
    status = 409 if request.method == "POST" and not is_open else 200
    return render(request, "events/rsvp.html", _context(event, form=form), status=status)


def rsvp_sent(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Check your email", the same whether the address was new or not."""
    event = _public_event(slug)
    return render(request, "events/rsvp_sent.html", _context(event))


def _by_key(key: str) -> Rsvp:
    found = services.rsvp_from_key(key)
    if found is None:
        raise Http404
    return found


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_manage(request: HttpRequest, key: str) -> HttpResponse:
    """The person's RSVP: a button to confirm while pending; their state, the place (a private
    address too, once they have a place) and a cancel button after."""
    found = _by_key(key)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            services.rsvp_confirm(key=key)
        elif action == "cancel":
            services.rsvp_cancel(key=key)
        return redirect("events:rsvp_manage", key)
    event = found.event
    return render(
        request,
        "events/rsvp_manage.html",
        _context(
            event,
            rsvp=found,
            key=key,
            shows_place=found.state == RsvpState.GOING or not event.address_private,
            position=waiting_position(found),
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_cancel(request: HttpRequest, key: str) -> HttpResponse:
    """The cancel link of the mails: a page with the button (POST cancels)."""
    found = _by_key(key)
    if request.method == "POST":
        services.rsvp_cancel(key=key)
        return redirect("events:rsvp_manage", key)
    return render(request, "events/rsvp_cancel.html", _context(found.event, rsvp=found, key=key))

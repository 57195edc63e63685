"""What the RSVP snippet (events/_rsvp.html) needs to know of an event, from the event alone."""

from dataclasses import dataclass

from django import template
from django.utils import timezone

from freethem.events.models import Event
from freethem.events.rsvp_forms import RsvpForm
from freethem.events.services.rsvps import places_left, rsvp_is_open
from freethem.events.vocab import State

register = template.Library()


@dataclass
class RsvpStatus:
    open: bool
    closed_because: str  # "cancelled", "draft", "started" or "" when open
    places_left: int | None  # None: no limit

    @property
    def full(self) -> bool:
        return self.places_left == 0


@register.simple_tag(takes_context=True)
def rsvp_status(context: template.Context, event: Event) -> RsvpStatus:
    if rsvp_is_open(event):
        # The event's page and the RSVP page have counted the places already.
        places = context["places_left"] if "places_left" in context else places_left(event)
        return RsvpStatus(True, "", places)
    if event.state == State.CANCELLED:
        return RsvpStatus(False, "cancelled", None)
    if event.state == State.PUBLISHED and event.starts_at <= timezone.now():
        return RsvpStatus(False, "started", None)
    return RsvpStatus(False, "draft", None)


@register.simple_tag(takes_context=True)
def rsvp_form(context: template.Context) -> RsvpForm:
    """The form of the page (with what was typed and its errors), else an empty one: the
    snippet works with only `event` in its context."""
    form = context.get("form")
    return form if isinstance(form, RsvpForm) else RsvpForm()

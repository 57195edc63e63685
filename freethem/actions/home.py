"""The front page's sections (core.registry.Panel, place "home"; declared in apps.py): the
appeal to sign, prisoners in the news, open urgent actions, upcoming events, the latest
updates and the action centre's first steps. Each returns "" when it has nothing to show, and
each item links to its page; a page that is not on the site (its URL does not resolve) hides
the item rather than break the front page."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils.translation import get_language_bidi

from freethem.actions.models import NewsPick, Update, UrgentAction
from freethem.actions.services.centre import centre_steps
from freethem.appeals.home import appeal_to_sign_now
from freethem.appeals.models import Appeal
from freethem.appeals.services import count_data
from freethem.events.models import Event

T = TypeVar("T")
# How many items each section shows.
NEWS = 4
URGENT = 3
EVENTS = 3
UPDATES = 3
FIRST_STEPS = 4


def _linked(items: Iterable[T], url: Callable[[T], str]) -> list[tuple[T, str]]:
    """Each item with its page's address; items whose page is not on the site left out."""
    linked = []
    for item in items:
        try:
            linked.append((item, url(item)))
        except NoReverseMatch:
            continue
    return linked


def _render(request: HttpRequest, name: str, **context: object) -> str:
    # Between the parts of a line: a middle dot reads as the Persian zero (۰) beside digits.
    separator = " – " if get_language_bidi() else " · "
    context = {"sep": separator, **context}
    return render_to_string(f"actions/centre/front_{name}.html", context, request=request)


def _appeal_to_sign(request: HttpRequest) -> Appeal | None:
    """The appeal to sign, looked up once for the whole front page."""
    if not hasattr(request, "_appeal_to_sign"):
        request._appeal_to_sign = appeal_to_sign_now()  # type: ignore[attr-defined]
    return request._appeal_to_sign  # type: ignore[attr-defined]


def appeal(request: HttpRequest, obj: object = None) -> str:
    found = _appeal_to_sign(request)
    if found is None:
        return ""
    count = count_data(found)
    paragraphs = [part.strip() for part in found.text.split("\n\n") if part.strip()]
    return _render(
        request,
        "appeal",
        appeal=found,
        lead=paragraphs[0] if paragraphs else "",
        confirmed=count["confirmed"],
        countries=len(count["countries"]),
        filled=min(100, round(100 * count["confirmed"] / found.goal)) if found.goal else 0,
    )


def news(request: HttpRequest, obj: object = None) -> str:
    picks = NewsPick.objects.public().select_related("prisoner")
    linked = _linked(picks[:NEWS], lambda pick: pick.prisoner.get_absolute_url())
    for pick, _url in linked:
        pick.note = pick.in_language("note")
    return _render(request, "news", picks=linked) if linked else ""


def urgent(request: HttpRequest, obj: object = None) -> str:
    actions = UrgentAction.objects.active().select_related("prisoner")[:URGENT]
    linked = _linked(actions, lambda action: action.get_absolute_url())
    for action, _url in linked:
        action.heading = action.in_language("title")
    return _render(request, "urgent", actions=linked) if linked else ""


def events(request: HttpRequest, obj: object = None) -> str:
    upcoming = Event.objects.public().upcoming().prefetch_related("texts")[:EVENTS]
    linked = _linked(upcoming, lambda event: event.get_absolute_url())
    return _render(request, "events", events=linked) if linked else ""


def updates(request: HttpRequest, obj: object = None) -> str:
    latest = _linked(Update.objects.public()[:UPDATES], lambda update: update.get_absolute_url())
    for update, _url in latest:
        update.heading = update.in_language("title")
    return _render(request, "updates", updates=latest) if latest else ""


def first_steps(request: HttpRequest, obj: object = None) -> str:
    steps = centre_steps(limit=FIRST_STEPS, appeal_to_sign=lambda: _appeal_to_sign(request))
    return _render(request, "steps", steps=steps) if steps else ""

"""The action centre's pages: the list of actions, and "I did this"."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from freethem.actions.models import Action
from freethem.actions.services.centre import (
    SELF_COUNTED,
    SESSION_DONE,
    action_done,
    centre_steps,
)
from freethem.appeals.defences import network_hash
from freethem.core.net import client_ip

# More slugs than this in one session's list are not kept (the list only grows by a POST).
MAX_DONE_IN_SESSION = 50


def _done(request: HttpRequest) -> list[str]:
    done = request.session.get(SESSION_DONE, [])
    return [slug for slug in done if isinstance(slug, str)] if isinstance(done, list) else []


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {"steps": centre_steps(), "done": _done(request)}
    return render(request, "actions/centre/index.html", context)


@require_POST
def done(request: HttpRequest, slug: str) -> HttpResponse:
    """A visitor says they did a self-counted action: count it once, then back to the list."""
    action = get_object_or_404(Action.objects.public(), slug=slug, kind__in=SELF_COUNTED)
    already = _done(request)[-MAX_DONE_IN_SESSION:]
    if action_done(action=action, done=already, network=network_hash(client_ip(request))):
        request.session[SESSION_DONE] = already
        messages.success(request, _("Thank you. You have been counted."))
    elif action.slug in already:
        messages.info(request, _("You have already been counted for this one. Thank you."))
    else:  # this network said so too often this hour: thanked, not counted
        messages.info(request, _("Thank you."))
    return HttpResponseRedirect(f"{reverse('actions:centre')}#{action.slug}")

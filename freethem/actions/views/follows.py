"""Following a prisoner: the form (on the prisoner's page, and on its own page to show what
was wrong), "check your email", and the pages behind the mailed links, where a button
confirms or stops (GET only shows it: mail scanners follow links and must change nothing).
The visitor sees the same pages whatever the address's history: nothing tells whether it
followed already."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from freethem.actions.follow_forms import FollowForm
from freethem.actions.models import Follow
from freethem.actions.services import follows as services
from freethem.actions.vocab import FollowState
from freethem.core.net import client_ip
from freethem.prisoners.models import Person


def _prisoner(slug: str) -> Person:
    if len(slug) > 120:
        raise Http404
    return get_object_or_404(Person.objects.published(), slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the form on its own page; POST: ask to follow (the prisoner page's panel posts
    here)."""
    prisoner = _prisoner(slug)
    form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not form.is_trapped:  # a bot gets the same page, and nothing is stored or mailed
            services.follow_create(
                prisoner=prisoner,
                email=form.cleaned_data["email"],
                language=get_language() or "en",
                ip=client_ip(request),
            )
        return redirect("updates:follow_sent", prisoner.slug)
    # The form again, with what was typed and what is wrong (as the RSVP form: status 200).
    context = {"prisoner": prisoner, "form": form}
    return render(request, "actions/updates/follow.html", context)


@require_safe
def follow_sent(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Check your email", the same whether the address was new or not."""
    return render(request, "actions/updates/follow_sent.html", {"prisoner": _prisoner(slug)})


def _by_key(key: str) -> Follow:
    found = services.follow_from_key(key)
    # A prisoner no longer published is not named, even to their followers.
    if found is None or not found.prisoner.is_published:
        raise Http404
    return found


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_confirm(request: HttpRequest, key: str) -> HttpResponse:
    """The confirmation link: a button while pending (POST confirms), the state after."""
    found = _by_key(key)
    if request.method == "POST":
        services.follow_confirm(key=key)
        return redirect("updates:follow_confirm", key)
    context = {"follow": found, "prisoner": found.prisoner, "key": key, "states": FollowState}
    return render(request, "actions/updates/follow_confirm.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_stop(request: HttpRequest, key: str) -> HttpResponse:
    """The stop link of every mail: a button (POST stops), then the state."""
    found = _by_key(key)
    if request.method == "POST":
        services.follow_stop(key=key)
        return redirect("updates:follow_stop", key)
    context = {"follow": found, "prisoner": found.prisoner, "key": key, "states": FollowState}
    return render(request, "actions/updates/follow_stop.html", context)

"""A reader's subscriptions, reached by the signed links at the foot of every mail to a list.

`unsubscribe` is the List-Unsubscribe address (RFC 8058): a POST, as mail programs send it
(body "List-Unsubscribe=One-Click", no cookies), leaves the list at once and answers 200; it
is exempt from CSRF, the link's signed token being the proof. Opening it (GET) only shows a
page with a button: mail scanners follow links, and must not unsubscribe anyone.

`manage` lists the lists the reader is on, or left, with a button each to leave or join again,
and one to stop all mail from the campaign. No address is shown: the pages know only hashes.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from freethem.actions.services import subscriptions as services
from freethem.actions.subscriptions import ALL, Holder, hash_token, read_holder
from freethem.appeals.models import Appeal
from freethem.events.models import Event
from freethem.prisoners.models import Person


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "actions/subscriptions/invalid.html", status=404)


def _subject(kind: str, number: int) -> object | None:
    """What a list is about: its appeal, prisoner or event (None for "all" or one gone)."""
    model = {"appeal": Appeal, "followers": Person, "event": Event}.get(kind)
    return model.objects.filter(pk=number).first() if model else None


def _holder(token: str) -> tuple[Holder, tuple[str, int]] | None:
    holder = read_holder(token)
    parsed = services.parse_scope(holder.scope) if holder else None
    if holder is None or parsed is None:
        return None
    return holder, parsed


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = _holder(token)
    if found is None:
        return _invalid(request)
    holder, (kind, number) = found
    subject = _subject(kind, number)
    if kind != ALL and subject is None:
        return _invalid(request)
    done = request.method == "POST"
    if done:
        services.subscription_leave(holder=holder, scope=holder.scope)
    context = {
        "kind": kind,
        "subject": subject,
        "done": done,
        "left": done or services.has_left(holder, holder.scope),
        "manage_token": hash_token(holder=holder, scope=ALL),
    }
    return render(request, "actions/subscriptions/unsubscribe.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    found = _holder(token)
    if found is None:
        return _invalid(request)
    holder, _scope = found
    if request.method == "POST":
        action, scope = request.POST.get("action", ""), request.POST.get("scope", "")[:40]
        if services.parse_scope(scope) is None or action not in ("leave", "join"):
            return render(request, "actions/subscriptions/invalid.html", status=400)
        entries = {entry.scope for entry in services.subscriptions_of(holder)}
        if scope != ALL and scope not in entries:
            return render(request, "actions/subscriptions/invalid.html", status=400)
        if action == "leave":
            services.subscription_leave(holder=holder, scope=scope)
        else:
            services.subscription_join(holder=holder, scope=scope)
        return redirect("subscriptions:manage", token)
    entries = services.subscriptions_of(holder)
    context = {
        "entries": entries,
        "left_all": services.has_left_all(holder),
        "any_on": any(entry.on for entry in entries),
    }
    return render(request, "actions/subscriptions/manage.html", context)

"""Volunteering: the sign-up form and its thank-you page (services.volunteers does the work)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from freethem.actions.services.volunteers import (
    Outcome,
    volunteer_confirm,
    volunteer_from_token,
    volunteer_signup,
)
from freethem.actions.vocab import Skill
from freethem.actions.volunteer_form import LIMITED, PROOF_FAILED, VolunteerForm
from freethem.core.net import client_ip


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = VolunteerForm(request.POST)
    else:
        # ?skill=events (the action centre's "host an event") ticks that skill.
        wanted = request.GET.get("skill", "")[:40]
        form = VolunteerForm(initial={"skills": [wanted] if wanted in Skill.values else []})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome, _volunteer = volunteer_signup(
            name=data["name"],
            email=data["email"],
            safe_contact=data["safe_contact"],
            languages=data["languages"],
            skills=data["skills"],
            country=data["country"],
            availability=data["availability"],
            message=data["message"],
            language=(get_language() or "en")[:10],
            ip=client_ip(request),
            trap=data["website"],
            proof=data["altcha"],
        )
        if outcome in (Outcome.SAVED, Outcome.MERGED, Outcome.DROPPED):
            return redirect("volunteer:thanks")
        form.add_error(None, LIMITED if outcome is Outcome.LIMITED else PROOF_FAILED)
        status = 429 if outcome is Outcome.LIMITED else 400
    elif request.method == "POST":
        status = 400
    return render(request, "actions/volunteer/signup.html", {"form": form}, status=status)


def thanks(request: HttpRequest) -> HttpResponse:
    """The same page whether the address was new or known."""
    return render(request, "actions/volunteer/thanks.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The mailed link: GET shows a button (mail scanners follow links and must change
    nothing), POST confirms. Nothing of the volunteer's is shown on the page."""
    volunteer = volunteer_from_token(token)
    if volunteer is None:
        raise Http404
    if request.method == "POST":
        volunteer_confirm(volunteer=volunteer)
        return redirect("volunteer:confirm", token)
    context = {"confirmed": volunteer.confirmed_at is not None, "token": token}
    return render(request, "actions/volunteer/confirm.html", context)

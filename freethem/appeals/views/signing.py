"""Signing and the signer's secret links: the sign form's endpoint, "check your email", the
confirmation button and the signer's personal page. The work is done in services."""

import json

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from freethem.appeals import defences, services
from freethem.appeals.forms import DisplayForm, EmailForm, SignForm
from freethem.appeals.models import Signature
from freethem.appeals.views.circulation import share_context
from freethem.appeals.views.pages import SIGNING_APPEALS, public_appeal, render_appeal
from freethem.core.net import client_ip


@require_POST
def sign(request: HttpRequest, slug: str) -> HttpResponse:
    # The hottest write of a viral appeal: the appeal comes from this process's memo (a pause
    # reaches every process within APPEAL_SECONDS), the rules and limits too (defences).
    appeal = SIGNING_APPEALS.get(slug)
    if appeal is None:
        raise Http404
    if not appeal.is_open:
        return redirect(appeal)
    form = SignForm(request.POST)
    if not form.is_valid():
        return render_appeal(request, appeal, form)
    data = form.cleaned_data
    ip = client_ip(request)
    normalised = services.normalise_email(data["email"])
    checks = defences.check(
        form=form,
        email_hash=services.email_hash(data["email"]),
        email_domain=normalised.rsplit("@", 1)[1],
        ip=ip,
    )
    services.signature_create(
        appeal=appeal,
        name=data["name"],
        email=data["email"],
        country=data["country"],
        city=data["city"],
        affiliation=data["affiliation"],
        display=data["display"],
        wants_updates=data["wants_updates"],
        language=get_language(),
        ip=ip,
        checks=checks,
        via=services.via_resolve(appeal=appeal, value=data["via"]),
    )
    return redirect("appeals:sent", appeal.slug)


def sent(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Check your email", also after signing again; with a form to ask for a new link."""
    appeal = public_appeal(slug)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Limited per address and per network, silently: the page is the same either way.
        services.signature_resend(
            appeal=appeal, email=form.cleaned_data["email"], ip=client_ip(request)
        )
        return redirect("appeals:sent", appeal.slug)
    return render(request, "appeals/sent.html", {"appeal": appeal, "form": form})


# Pages whose address is a signer's secret link send Cache-Control: no-store (never_cache),
# so no shared cache or browser history keeps them.


def _awaits_check(signature: Signature) -> bool:
    """Confirmed but held for want of the browser check (JavaScript off), so it counts once
    staff have checked it: the page says to these signers what the sign form's note said to
    them already (never "is confirmed", which reads as counted). Any other hold (a name like
    a notable's) and whether a signature is suspect are never shown: such a signer sees what
    everyone else sees (Signature.awaits_check)."""
    return signature.awaits_check


@never_cache
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """GET shows the button (mail scanners follow links: they must not confirm); POST confirms."""
    appeal = public_appeal(slug)
    try:
        signature = services.signature_from_confirm_token(token)
    except signing.SignatureExpired:
        return render(request, "appeals/link_expired.html", {"appeal": appeal, "form": EmailForm()})
    if signature is None or signature.appeal_id != appeal.pk:
        return render(
            request,
            "appeals/link_invalid.html",
            {"appeal": appeal, "form": EmailForm()},
            status=404,
        )
    if request.method == "POST":
        services.signature_confirm(signature=signature)
        return redirect("appeals:personal", appeal.slug, services.personal_token(signature))
    return render(
        request,
        "appeals/confirm.html",
        {"appeal": appeal, "signature": signature, "awaits_check": _awaits_check(signature)},
    )


def _signer(slug: str, token: str) -> Signature:
    signature = services.signature_from_personal_token(token)
    if signature is None or signature.appeal.slug != slug:
        raise Http404
    return signature


@never_cache
def personal(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The signer's page: their share link, how the name is shown (a form), their data,
    withdrawal."""
    signature = _signer(slug, token)
    form = DisplayForm(request.POST or None, initial={"display": signature.display})
    if request.method == "POST" and form.is_valid():
        services.signature_update_display(signature=signature, display=form.cleaned_data["display"])
        return redirect("appeals:personal", slug, token)
    return render(
        request,
        "appeals/personal.html",
        {
            "appeal": signature.appeal,
            "signature": signature,
            "form": form,
            "token": token,
            "awaits_check": _awaits_check(signature),
            **share_context(signature),
        },
    )


@never_cache
@require_POST
def withdraw(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    signature = _signer(slug, token)
    appeal = signature.appeal
    services.signature_withdraw(signature=signature)
    return render(request, "appeals/withdrawn.html", {"appeal": appeal})


@never_cache
@require_safe
def my_data(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    signature = _signer(slug, token)
    response = HttpResponse(
        json.dumps(services.signature_data(signature), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="signature-{slug}.json"'
    return response

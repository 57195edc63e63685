"""Staff sign-in: a password and a second factor. A staff user without one sets it up with a
one-time invitation from an organiser, after the password."""

from base64 import b32encode
from urllib.parse import urlsplit

import segno
from django.contrib import admin, messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core import outbox
from freethem.core.audit import audit_record
from freethem.core.forms import EnrolForm, InvitationForm, StaffLoginForm
from freethem.core.models import EnrolmentInvitation
from freethem.core.roles import is_organiser
from freethem.core.services import (
    INVITATION_VALID_FOR,
    enrolment_complete,
    enrolment_start,
    invitation_check,
)

OUTBOX_PAGE_SIZE = 50
# The invitation a password-only session accepted, until its authenticator is confirmed.
INVITATION_SESSION_KEY = "freethem_enrol_invitation"


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("admin:index")


def _with_next(view_name: str, request: HttpRequest) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': _next_url(request)})}"


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
def staff_login(request: HttpRequest) -> HttpResponse:
    form = StaffLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        auth_login(request, user)
        if form.device is None:
            return redirect(_enrol_url(request))
        otp_login(request, form.device)
        return redirect(_next_url(request))
    status = 429 if form.has_error(NON_FIELD_ERRORS, "signin_paused") else 200
    context = {"form": form, "next": _next_url(request)}
    return render(request, "core/staff/login.html", context, status=status)


def _enrol_url(request: HttpRequest) -> str:
    """Where a staff user without an authenticator goes after the password: the invitation
    link they came from, or the page that asks for one."""
    url = _next_url(request)
    try:
        if resolve(urlsplit(url).path).url_name == "staff_enrol_invitation":
            return url
    except Resolver404:
        pass
    return _with_next("staff_enrol", request)


def _not_enrolling(request: HttpRequest) -> HttpResponse | None:
    """Where a signed-in user goes who may not set up an authenticator, or None."""
    user = request.user
    if not user.is_staff:
        return redirect("core:home")
    if user_has_device(user):
        # Adding a device takes a verified session, so a stolen password cannot add one.
        if user.is_verified():
            return redirect(_next_url(request))
        return redirect(_with_next("staff_login", request))
    return None


@sensitive_post_parameters("invitation", "code")
@never_cache
@login_required
def staff_enrol(request: HttpRequest) -> HttpResponse:
    """A password-only session of a staff user without an authenticator: first the invitation
    (pasted here, or opened as a link), then the new authenticator's key and a code from it."""
    if (elsewhere := _not_enrolling(request)) is not None:
        return elsewhere
    invitation = _accepted_invitation(request)
    if invitation is not None:
        return _enrol_device(request, invitation)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        return _accept(request, form.cleaned_data["invitation"])
    return _invitation_page(request, form)


@never_cache
@login_required
def staff_enrol_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation. Without a session it leads through the password first."""
    if (elsewhere := _not_enrolling(request)) is not None:
        return elsewhere
    form = InvitationForm({"invitation": token}, user=request.user)
    if form.is_valid():
        return _accept(request, form.cleaned_data["invitation"])
    return _invitation_page(request, form)


def _invitation_page(request: HttpRequest, form: InvitationForm) -> HttpResponse:
    context = {"form": form, "next": _next_url(request), "valid_days": INVITATION_VALID_FOR.days}
    return render(request, "core/staff/enrol_invitation.html", context)


def _accept(request: HttpRequest, invitation: EnrolmentInvitation) -> HttpResponse:
    # The session remembers the invitation, so the token leaves the address bar.
    enrolment_start(invitation=invitation)
    request.session[INVITATION_SESSION_KEY] = invitation.pk
    return redirect(_with_next("staff_enrol", request))


def _accepted_invitation(request: HttpRequest) -> EnrolmentInvitation | None:
    """The invitation this session accepted, while it still works."""
    pk = request.session.get(INVITATION_SESSION_KEY)
    if pk is None:
        return None
    invitation = EnrolmentInvitation.objects.filter(pk=pk).first()
    try:
        return invitation_check(invitation=invitation, user=request.user)
    except ValidationError as error:
        del request.session[INVITATION_SESSION_KEY]
        messages.error(request, " ".join(error.messages))
        return None


def _enrol_device(request: HttpRequest, invitation: EnrolmentInvitation) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = enrolment_start(invitation=invitation)
    form = EnrolForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_complete(invitation=invitation, device=device)
        except ValidationError as error:  # expired or replaced since it was accepted
            del request.session[INVITATION_SESSION_KEY]
            messages.error(request, " ".join(error.messages))
            return redirect(_with_next("staff_enrol", request))
        del request.session[INVITATION_SESSION_KEY]
        otp_login(request, device)
        return redirect(_next_url(request))
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, border=2),
        "secret": b32encode(device.bin_key).decode(),
        "next": _next_url(request),
    }
    return render(request, "core/staff/enrol.html", context)


# The outbox (mails written to files when no EMAIL_HOST is set): organisers only, audited, as
# the mails hold signers' addresses. Wrapped in the staff site's admin_view (second factor).


def _organiser_context(request: HttpRequest, title: str) -> dict:
    if not is_organiser(request.user):
        raise PermissionDenied
    return {**admin.site.each_context(request), "title": title}


@never_cache
def outbox_list(request: HttpRequest) -> HttpResponse:
    context = _organiser_context(request, _("Outbox"))
    page = Paginator(outbox.outbox_names(), OUTBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        user=request.user, action=gettext_noop("view outbox"), subject=f"page {page.number}"
    )
    context |= {"page": page, "entries": [outbox.outbox_entry(name) for name in page]}
    return render(request, "core/staff/outbox_list.html", context)


@never_cache
def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    context = _organiser_context(request, _("Mail in the outbox"))
    message = outbox.outbox_message(name)
    if message is None:
        raise Http404
    audit_record(user=request.user, action=gettext_noop("view outbox message"), subject=name)
    context |= {"name": name, "message": message, "body": outbox.plain_text(message)}
    return render(request, "core/staff/outbox_message.html", context)

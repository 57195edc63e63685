"""Staff sign-in: a password and a second factor; a staff user without one enrols first."""

from base64 import b32encode

import segno
from django.contrib import admin
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core import outbox
from freethem.core.audit import audit_record
from freethem.core.forms import EnrolForm, StaffLoginForm
from freethem.core.roles import is_organiser

OUTBOX_PAGE_SIZE = 50


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
            return redirect(_with_next("staff_enrol", request))
        otp_login(request, form.device)
        return redirect(_next_url(request))
    return render(request, "core/staff/login.html", {"form": form, "next": _next_url(request)})


@sensitive_post_parameters("code")
@never_cache
@login_required
def staff_enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_staff:
        return redirect("core:home")
    if user_has_device(user):
        # Adding a device takes a verified session, so a stolen password cannot add one.
        if user.is_verified():
            return redirect(_next_url(request))
        return redirect(_with_next("staff_login", request))
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = EnrolForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
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
    audit_record(user=request.user, action="view outbox", subject=f"page {page.number}")
    context |= {"page": page, "entries": [outbox.outbox_entry(name) for name in page]}
    return render(request, "core/staff/outbox_list.html", context)


@never_cache
def outbox_message(request: HttpRequest, name: str) -> HttpResponse:
    context = _organiser_context(request, _("Mail in the outbox"))
    message = outbox.outbox_message(name)
    if message is None:
        raise Http404
    audit_record(user=request.user, action="view outbox message", subject=name)
    context |= {"name": name, "message": message, "body": outbox.plain_text(message)}
    return render(request, "core/staff/outbox_message.html", context)

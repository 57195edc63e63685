"""The staff area: Django's admin at /staff/, open only to a session verified by a second factor."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class StaffSite(admin.AdminSite):
    """Installed as `admin.site` by StaffAdminConfig; its URL names are `admin:*`."""

    site_header = _("freethem staff")
    site_title = _("freethem staff")
    index_title = _("Campaign administration")
    index_template = "admin/staff_index.html"  # the admin's, with a link to the outbox

    def has_permission(self, request: HttpRequest) -> bool:
        # A password alone is not enough: the session must have passed a second factor.
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_verified())

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return redirect(f"{reverse('staff_login')}?{query}")

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.signals import request_started
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "freethem.core"
    label = "core"
    verbose_name = _("Core")

    # What core adds itself; every app declares what it adds the same way (core/registry.py).
    periodic_jobs = ("freethem.core.services.run_periodic",)
    sitemaps = ("freethem.core.sitemaps.CorePages",)
    # The staff area (freethem.urls.STAFF_PREFIX).
    not_for_robots = ("staff/",)

    def ready(self) -> None:
        from freethem.core import checks  # noqa: F401 - registers freethem's system checks
        from freethem.core.middleware import set_aside_foreign_charset
        from freethem.core.roles import sync_roles_after_migrate

        # Roles are groups whose permissions follow the apps installed; refresh them after
        # every migrate so a new app's permissions reach the right role.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="freethem.core.roles")
        # Before Django reads a request: see utf8_requests in core/middleware.py.
        request_started.connect(set_aside_foreign_charset, dispatch_uid="freethem.core.charset")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with freethem's two-factor staff site as the default `admin.site`, so
    every app (ours and third-party) registers its models there with plain `@admin.register`."""

    default = False
    default_site = "freethem.core.staff.StaffSite"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.registry import NavLink
from freethem.core.roles import MODERATOR


class AppealsConfig(AppConfig):
    name = "freethem.appeals"
    label = "appeals"
    verbose_name = _("Appeals")

    # What appeals adds to the whole site (freethem.core.registry).
    # A moderator reviews signatures and their abuse signals but never sees a signer's email or
    # IP (the admin shows those to organisers only), and may not change appeals.
    roles = {
        MODERATOR: (
            "view_appeal",
            "view_signature",
            "change_signature",
            "view_rule",
            "change_rule",
            "view_alert",
            "change_alert",
            "view_limits",
        ),
    }
    navigation = (NavLink("appeal", _("Appeal"), sections=("appeals",)),)
    sitemaps = ("freethem.appeals.sitemaps.AppealPages", "freethem.appeals.sitemaps.Appeals")
    # A signer's secret links: confirmation, and their own page.
    not_for_robots = ("appeals/*/confirm/", "appeals/*/you/")
    staff_dashboard = ("freethem.appeals.admin.dashboard.panels",)
    # Erases IPs and personal data when they are due, and writes down the hourly counts.
    periodic_jobs = ("freethem.appeals.services.lifecycle.run_periodic",)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.roles import RESEARCHER


class ActionsConfig(AppConfig):
    name = "freethem.actions"
    label = "actions"
    verbose_name = _("Things to do")

    # What the actions app adds to the whole site (freethem.core.registry).
    # Researchers write urgent actions and updates; donors, volunteers, followers and mailings
    # (personal data) are for organisers, who may do everything.
    roles = {
        RESEARCHER: (
            "add_urgentaction",
            "change_urgentaction",
            "view_urgentaction",
            "add_official",
            "change_official",
            "delete_official",
            "view_official",
            "add_modelletter",
            "change_modelletter",
            "delete_modelletter",
            "view_modelletter",
            "add_update",
            "change_update",
            "view_update",
            "add_updatemedia",
            "change_updatemedia",
            "delete_updatemedia",
            "view_updatemedia",
        ),
    }

    # Fundraising drives (freethem.actions.services.support): the give form's address only
    # posts, and the progress figures are for the page's script.
    not_for_robots = ("support/*/give/", "support/*/progress.json")
    # Deletes gifts that were started but never paid, a month on.
    periodic_jobs = ("freethem.actions.services.support.run_periodic",)
    sitemaps = (
        "freethem.actions.support_sitemaps.SupportPages",
        "freethem.actions.support_sitemaps.Drives",
        "freethem.actions.support_sitemaps.DriveReports",
    )

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
    # Deletes volunteers' sign-ups never confirmed, erases long-inactive volunteers.
    periodic_jobs = ("freethem.actions.services.volunteers.run_periodic",)
    # The volunteer's mailed confirmation link.
    not_for_robots = ("volunteer/confirm/",)
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

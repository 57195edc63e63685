from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.registry import Panel
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

    # Urgent actions: the letter writer and the card are forms, not pages to index.
    not_for_robots = ("urgent-actions/*/letter/", "urgent-actions/*/card/")
    sitemaps = (
        "freethem.actions.urgent_sitemaps.UrgentPages",
        "freethem.actions.urgent_sitemaps.UrgentActions",
    )

    panels = (
        # A prisoner's open urgent actions, on their page.
        Panel("prisoner", "freethem.actions.views.urgent.prisoner_panel", order=20),
    )

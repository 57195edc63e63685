from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.registry import NavLink, Panel
from freethem.core.roles import RESEARCHER

FRONT_CSS = "actions/front.css"


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
    navigation = (
        NavLink(
            "actions:centre",
            _("Take action"),
            sections=("actions", "urgent", "representatives", "support", "volunteer"),
        ),
    )
    # The front page, after the hero (freethem.actions.home): each section hides when empty.
    panels = (
        Panel("home", "freethem.actions.home.appeal", order=10, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.news", order=20, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.urgent", order=30, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.events", order=40, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.updates", order=50, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.first_steps", order=60, stylesheet=FRONT_CSS),
    )

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

    panels = (
        # The front page, after the hero (freethem.actions.home): each section hides when empty.
        Panel("home", "freethem.actions.home.appeal", order=10, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.news", order=20, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.urgent", order=30, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.events", order=40, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.updates", order=50, stylesheet=FRONT_CSS),
        Panel("home", "freethem.actions.home.first_steps", order=60, stylesheet=FRONT_CSS),
        # A prisoner's open urgent actions, on their page.
        Panel("prisoner", "freethem.actions.views.urgent.prisoner_panel", order=20),
        # The person's updates, their feed and the form to follow them (updates).
        Panel(
            "prisoner",
            "freethem.actions.views.updates.prisoner_panel",
            order=60,
            stylesheet="actions/updates.css",
        ),
    )
    periodic_jobs = (
        # Mail the followers of updates published for later, once their time has come.
        "freethem.actions.services.updates.updates_mail_due",
        # Deletes gifts that were started but never paid, a month on.
        "freethem.actions.services.support.run_periodic",
        # Deletes volunteers' sign-ups never confirmed, erases long-inactive volunteers.
        "freethem.actions.services.volunteers.run_periodic",
    )
    # A follower's and a volunteer's secret links; forms that are not pages to index (the
    # letter writer, the card, the give form); the progress figures for the drive's script.
    not_for_robots = (
        "updates/following/",
        "updates/follow/",
        "support/*/give/",
        "support/*/progress.json",
        "volunteer/confirm/",
        "urgent-actions/*/letter/",
        "urgent-actions/*/card/",
        # A reader's subscription pages, behind their own signed links.
        "subscriptions/",
    )
    # Open urgent actions; for organisers also mailings being sent, volunteers, drives.
    staff_dashboard = ("freethem.actions.admin.dashboard.panels",)
    sitemaps = (
        "freethem.actions.sitemaps.pages.ActionPages",
        "freethem.actions.sitemaps.urgent.UrgentPages",
        "freethem.actions.sitemaps.urgent.UrgentActions",
        "freethem.actions.sitemaps.updates.UpdatePages",
        "freethem.actions.sitemaps.updates.Updates",
        "freethem.actions.sitemaps.support.SupportPages",
        "freethem.actions.sitemaps.support.Drives",
        "freethem.actions.sitemaps.support.DriveReports",
    )

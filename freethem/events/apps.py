from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.registry import NavLink
from freethem.core.roles import ALL_PERMISSIONS, EVENTS


class EventsConfig(AppConfig):
    name = "freethem.events"
    label = "events"
    verbose_name = _("Campaign events")

    # What campaign events add to the whole site (freethem.core.registry). The events role
    # holds every permission of this app, but sees and changes only the events it organises
    # (events.admin); organisers see all.
    roles = {EVENTS: ALL_PERMISSIONS}
    # A person's secret RSVP links: confirmation, their RSVP, cancelling.
    not_for_robots = ("events/rsvp/",)
    # Reminds those going of tomorrow's events.
    periodic_jobs = ("freethem.events.services.rsvps.run_periodic",)
    navigation = (NavLink("events:list", _("Events"), sections=("events",)),)
    sitemaps = ("freethem.events.sitemaps.EventPages", "freethem.events.sitemaps.Events")
    staff_dashboard = ("freethem.events.admin.dashboard.panels",)

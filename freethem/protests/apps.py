from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.registry import NavLink
from freethem.core.roles import ALL_PERMISSIONS, RESEARCHER


class ProtestsConfig(AppConfig):
    name = "freethem.protests"
    label = "protests"
    verbose_name = _("Protest tracker")

    # What the protest tracker adds to the whole site (freethem.core.registry).
    roles = {RESEARCHER: ALL_PERMISSIONS}
    navigation = (NavLink("protests:list", _("Protests"), sections=("protests",)),)
    sitemaps = (
        "freethem.protests.sitemaps.ProtestPages",
        "freethem.protests.sitemaps.Protests",
    )
    staff_dashboard = ("freethem.protests.admin.dashboard.panels",)
    # Erases reporters' contacts a month after staff decided on their reports.
    periodic_jobs = ("freethem.protests.services.moderation.run_periodic",)

    def ready(self) -> None:
        register_versions()


def register_versions() -> None:
    """Each revision of a record holds its sources, so that reverting one (the revision taken
    before a merge, say) restores them. Reports from the public are not versioned: a copy of
    one would hold the reporter's contact outside its encryption."""
    import reversion

    from freethem.protests.models import ParticipantGroup, Protest, ProtestSource, Wave

    for model, follow in (
        (Protest, ("sources",)),
        (ProtestSource, ()),
        (ParticipantGroup, ()),
        (Wave, ()),
    ):
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)

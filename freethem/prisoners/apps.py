from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from freethem.core.registry import NavLink, SearchBox
from freethem.core.roles import ALL_PERMISSIONS, RESEARCHER


class PrisonersConfig(AppConfig):
    name = "freethem.prisoners"
    label = "prisoners"
    verbose_name = _("Case database")

    # What the case database adds to the whole site (freethem.core.registry).
    roles = {RESEARCHER: ALL_PERMISSIONS}
    navigation = (NavLink("prisoners:list", _("Prisoners"), sections=("prisoners",)),)
    searches = (SearchBox("prisoners:list", _("Search the prisoners by name"), _("Search")),)
    sitemaps = (
        "freethem.prisoners.sitemaps.PrisonerPages",
        "freethem.prisoners.sitemaps.People",
    )

    staff_dashboard = ("freethem.prisoners.admin.dashboard_panels",)

    def ready(self) -> None:
        register_versions(self)


def register_versions(app: AppConfig) -> None:
    """Each revision of a person holds their other names, cases (with their sentences) and
    timeline, so that a diff shows changes to them and a revert restores them. Registered at
    start-up, so that imports and commands record revisions as the staff area does."""
    import reversion

    follows = {"case": ("sentences",), "person": ("other_names", "cases", "events")}
    # The directories (prisons, judges, sources, ...) have histories of their own; the
    # people's revisions refer to them.
    for model in app.get_models():
        if model._meta.model_name != "searchterm" and not reversion.is_registered(model):
            reversion.register(model, follow=follows.get(model._meta.model_name, ()))

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

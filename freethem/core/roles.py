"""Staff roles. Each role is a group; what it may do in each app, the app declares in its own
apps.py (freethem.core.registry), e.g. `roles = {RESEARCHER: ALL_PERMISSIONS}`.

Permissions are granted by app, so an app added by a later release reaches its roles the next
time `migrate` runs, without a data migration per app.
"""

from typing import TYPE_CHECKING, Any, Final, Literal

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # this module is imported before the apps are ready
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ORGANISER = "organiser"
RESEARCHER = "researcher"
MODERATOR = "moderator"
EVENTS = "events"

# Every role, with the description staff are shown.
ROLE_LABELS = {
    ORGANISER: _("Organiser: everything, including staff accounts and signers' emails"),
    RESEARCHER: _("Researcher: prisoners' cases and the protest tracker"),
    MODERATOR: _("Moderator: appeal signatures and abuse signals, without emails"),
    EVENTS: _("Events: campaign events and RSVPs"),
}

# What an app grants a role: every permission of the app, or only these codenames.
ALL_PERMISSIONS: Final = "__all__"
Grant = Literal["__all__"] | tuple[str, ...]


def role_grants(role: str) -> dict[str, Grant]:
    """App label -> what the role may do in that app, as the installed apps declare it.
    Organisers hold every permission, of every app, without being named."""
    return {
        config.label: grants[role]
        for config in apps.get_app_configs()
        if role in (grants := getattr(config, "roles", {}))
    }


def is_organiser(user: "AbstractBaseUser | AnonymousUser") -> bool:
    """Only organisers (and superusers) see signers' emails and the audit log."""
    if not user.is_active or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ORGANISER).exists()


def sync_roles_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    from freethem.core.services import roles_sync

    # post_migrate fires once per app, in order, and each app's permissions are created by its
    # own signal; sync once, after the last app, when every permission exists.
    if sender is list(apps.get_app_configs())[-1]:
        roles_sync(using=kwargs.get("using", "default"))

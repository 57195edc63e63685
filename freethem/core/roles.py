"""Staff roles. Each role is a group whose permissions cover whole apps.

Permissions are granted by app label, so an app added by a later release reaches its role
the next time `migrate` runs, without a data migration per app.
"""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # this module is imported before the apps are ready
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ORGANISER = "organiser"
RESEARCHER = "researcher"
MODERATOR = "moderator"
EVENTS = "events"

# Role name -> app labels whose permissions the role holds; None means every permission.
ROLE_APPS: dict[str, tuple[str, ...] | None] = {
    ORGANISER: None,
    RESEARCHER: ("prisoners", "protests"),
    MODERATOR: ("appeals",),
    EVENTS: ("events",),
}

# Roles that hold only these permissions (codenames) of their apps. A moderator reviews
# signatures and their abuse signals but never sees a signer's email or IP (the admin shows
# those to organisers only), and may not change appeals.
ROLE_ONLY: dict[str, tuple[str, ...]] = {
    MODERATOR: (
        "view_appeal",
        "view_signature",
        "change_signature",
        "view_rule",
        "change_rule",
        "view_alert",
        "change_alert",
        "view_limits",
    ),
}

ROLE_LABELS = {
    ORGANISER: _("Organiser: everything, including staff accounts and signers' emails"),
    RESEARCHER: _("Researcher: prisoners' cases and the protest tracker"),
    MODERATOR: _("Moderator: appeal signatures and abuse signals, without emails"),
    EVENTS: _("Events: campaign events and RSVPs"),
}


def is_organiser(user: "AbstractBaseUser | AnonymousUser") -> bool:
    """Only organisers (and superusers) see signers' emails and the audit log."""
    if not user.is_active or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ORGANISER).exists()


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    from django.apps import apps

    from freethem.core.services import roles_sync

    # post_migrate fires once per app, in order, and each app's permissions are created by its
    # own signal; sync once, after the last app, when every permission exists.
    if sender is list(apps.get_app_configs())[-1]:
        roles_sync(using=kwargs.get("using", "default"))

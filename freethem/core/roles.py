"""Staff roles. Each role is a group whose permissions cover whole apps.

Permissions are granted by app label, so an app added by a later release reaches its role
the next time `migrate` runs, without a data migration per app.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

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

ROLE_LABELS = {
    ORGANISER: _("Organiser: everything, including staff accounts and signers' emails"),
    RESEARCHER: _("Researcher: prisoners' cases and the protest tracker"),
    MODERATOR: _("Moderator: appeal signatures"),
    EVENTS: _("Events: campaign events and RSVPs"),
}


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    from django.apps import apps

    from freethem.core.services import roles_sync

    # post_migrate fires once per app, in order, and each app's permissions are created by its
    # own signal; sync once, after the last app, when every permission exists.
    if sender is list(apps.get_app_configs())[-1]:
        roles_sync(using=kwargs.get("using", "default"))

"""Writes shared by every app."""

from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.models import Heartbeat
from freethem.core.roles import ROLE_APPS, ROLE_ONLY


def heartbeat_beat(*, name: str) -> Heartbeat:
    """Record that the process called `name` is alive now."""
    heartbeat, _created = Heartbeat.objects.update_or_create(
        name=name, defaults={"seen_at": timezone.now()}
    )
    return heartbeat


def roles_sync(*, using: str = "default") -> None:
    """Create the role groups and give each the permissions of its apps."""
    with transaction.atomic(using=using):
        for role, apps in ROLE_APPS.items():
            group, _created = Group.objects.using(using).get_or_create(name=role)
            permissions = Permission.objects.using(using).all()
            if apps is not None:
                permissions = permissions.filter(content_type__app_label__in=apps)
            if role in ROLE_ONLY:
                permissions = permissions.filter(codename__in=ROLE_ONLY[role])
            group.permissions.set(permissions)


@transaction.atomic
def staff_create(*, username: str, email: str, password: str, role: str) -> tuple[User, TOTPDevice]:
    """A staff user in one role, with a confirmed authenticator device to enrol in an app."""
    if role not in ROLE_APPS:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLE_APPS)}.")
    roles_sync()
    user = User(username=username, email=email, is_staff=True)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user, device

"""Writes shared by every app."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from freethem.core.models import Heartbeat
from freethem.core.roles import ROLE_APPS, ROLE_ONLY


def heartbeat_beat(*, name: str) -> Heartbeat:
    """Record that the process called `name` is alive now."""
    heartbeat, _created = Heartbeat.objects.update_or_create(
        name=name, defaults={"seen_at": timezone.now()}
    )
    return heartbeat


def tasks_recover(*, lease: timedelta) -> int:
    """Put back in the queue the tasks that have been running for longer than the lease: their
    worker died (a kill, a crash, a lost machine) and will never finish them. Returns how many.

    A task still running after its lease is run a second time too: each task must be safe to
    run twice (a mail task sends its mail at most once, freethem.core.mail.send_once)."""
    stuck = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - lease
    )
    return stuck.update(status=TaskResultStatus.READY)


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

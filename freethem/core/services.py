"""Writes shared by every app."""

import secrets
import unicodedata
from datetime import datetime, timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from freethem.core import ratelimit
from freethem.core.audit import audit_record
from freethem.core.crypto import keyed_hash
from freethem.core.mail import message_key, sent_mail_prune
from freethem.core.models import AccountLock, EnrolmentInvitation, Heartbeat
from freethem.core.roles import ALL_PERMISSIONS, ORGANISER, ROLE_LABELS, role_grants
from freethem.core.tasks import send_signin_paused_mail

# How long an enrolment invitation works, once.
INVITATION_VALID_FOR = timedelta(hours=72)
DEVICE_NAME = "authenticator"

INVITATION_UNKNOWN = _(
    "This invitation is not valid. Check that you copied the whole link, or ask an organiser "
    "for a new one."
)
INVITATION_OTHER_USER = _(
    "This invitation is for another staff account. Sign in as the person it was issued to, or "
    "ask an organiser for an invitation of your own."
)
INVITATION_USED = _("This invitation has already been used. Ask an organiser for a new one.")
INVITATION_EXPIRED = _("This invitation has expired. Ask an organiser for a new one.")
NOT_STAFF = _("Only an active staff user can be invited to set up an authenticator.")
HAS_AUTHENTICATOR = _(
    "An authenticator is already set up for %(username)s. If they have lost it, reset their "
    "second factor first."
)


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
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    # Looked for with a read first: an UPDATE scanning the whole table would hold SQLite's
    # write lock (and so every signer) for the scan, every few seconds, in every worker.
    stuck = list(running.filter(started_at__lt=timezone.now() - lease).values_list("pk", flat=True))
    if not stuck:
        return 0
    return running.filter(pk__in=stuck).update(status=TaskResultStatus.READY)


# Rows of finished tasks (a mail sent, a mail given up) are kept this long, then deleted.
FINISHED_TASKS_KEPT = timedelta(days=30)


def tasks_prune(*, now: datetime) -> int:
    """Delete the rows of tasks that finished long ago: one is written per mail."""
    deleted, _by_model = (
        DBTaskResult.objects.finished().filter(finished_at__lt=now - FINISHED_TASKS_KEPT).delete()
    )
    return deleted


def roles_sync(*, using: str = "default") -> None:
    """Create the role groups and give each the permissions the apps grant it."""
    with transaction.atomic(using=using):
        for role in ROLE_LABELS:
            group, _created = Group.objects.using(using).get_or_create(name=role)
            group.permissions.set(role_permissions(role, using=using))


def role_permissions(role: str, *, using: str = "default") -> QuerySet[Permission]:
    permissions = Permission.objects.using(using)
    if role == ORGANISER:
        return permissions.all()
    granted = Q(pk__in=[])
    for label, grant in role_grants(role).items():
        in_app = Q(content_type__app_label=label)
        granted |= in_app if grant == ALL_PERMISSIONS else in_app & Q(codename__in=grant)
    return permissions.filter(granted)


@transaction.atomic
def staff_create(
    *, username: str, email: str, password: str, role: str, with_device: bool = False
) -> User:
    """A staff user in one role. They set up an authenticator with an invitation
    (invitation_issue); with_device gives them a confirmed one at once, for the demo user and
    tests, whose codes `manage.py totpcode` prints."""
    if role not in ROLE_LABELS:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLE_LABELS)}.")
    roles_sync()
    user = User(username=username, email=email, is_staff=True)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    if with_device:
        TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    return user


# Second factors: a staff user sets up an authenticator only with a one-time invitation that
# an organiser issued, so a stolen password alone never lets anyone enrol their own.


@transaction.atomic
def invitation_issue(*, user: User, by: User | None) -> tuple[EnrolmentInvitation, str]:
    """A new invitation for user to set up an authenticator, replacing their unused one.
    Returns it with its token, which is stored only as a hash: show the link once."""
    if not (user.is_active and user.is_staff):
        raise ValidationError(NOT_STAFF, code="not_staff")
    if user_has_device(user):
        username = user.get_username()
        raise ValidationError(
            HAS_AUTHENTICATOR, code="has_authenticator", params={"username": username}
        )
    EnrolmentInvitation.objects.filter(user=user, used_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = EnrolmentInvitation(
        user=user,
        token_hash=EnrolmentInvitation.hash_token(token),
        issued_by=by,
        issued_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        user=by,
        action=gettext_noop("issue enrolment invitation"),
        subject=f"user {user.get_username()}",
        detail=f"valid until {invitation.expires_at.isoformat(timespec='minutes')}",
    )
    return invitation, token


def invitation_url(token: str) -> str:
    """The link that opens an invitation, on the site's public address."""
    return settings.FREETHEM_SITE_URL.rstrip("/") + reverse("staff_enrol_invitation", args=[token])


def invitation_check(*, invitation: EnrolmentInvitation | None, user: User) -> EnrolmentInvitation:
    """The invitation, if user may enrol with it now; else a ValidationError saying why."""
    if invitation is None:
        raise ValidationError(INVITATION_UNKNOWN, code="invitation_unknown")
    if invitation.user_id != user.pk:
        raise ValidationError(INVITATION_OTHER_USER, code="invitation_other_user")
    if invitation.used_at is not None:
        raise ValidationError(INVITATION_USED, code="invitation_used")
    if invitation.is_expired:
        raise ValidationError(INVITATION_EXPIRED, code="invitation_expired")
    return invitation


@transaction.atomic
def enrolment_start(*, invitation: EnrolmentInvitation) -> TOTPDevice:
    """A new, unconfirmed authenticator for the invitation's user, replacing any unconfirmed
    one from before: its key is shown on the enrolment page until a code confirms it."""
    TOTPDevice.objects.filter(user=invitation.user, confirmed=False).delete()
    device = TOTPDevice(user=invitation.user, name=DEVICE_NAME, confirmed=False)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def enrolment_complete(*, invitation: EnrolmentInvitation, device: TOTPDevice) -> None:
    """Confirm device, whose code was right, and spend the invitation: it works once."""
    current = EnrolmentInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    invitation_check(invitation=current, user=device.user)
    current.used_at = timezone.now()
    current.save(update_fields=["used_at"])
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    username = device.user.get_username()
    audit_record(
        user=device.user, action=gettext_noop("enrol authenticator"), subject=f"user {username}"
    )


@transaction.atomic
def second_factor_reset(*, user: User, by: User | None) -> int:
    """Delete user's authenticators and unused invitations, so they must enrol again with a
    new invitation; a session they verified with a deleted device loses the staff area at
    once. Returns how many devices went."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    EnrolmentInvitation.objects.filter(user=user, used_at__isnull=True).delete()
    audit_record(
        user=by,
        action=gettext_noop("reset second factor"),
        subject=f"user {user.get_username()}",
        detail=f"{len(devices)} devices deleted",
    )
    return len(devices)


# Password guessing across addresses. django-axes locks a username per address; these count a
# username's failures from every address together, so rotating addresses does not help.
SIGNIN_FIRST_LOCK = timedelta(minutes=1)
SIGNIN_LONGEST_LOCK = timedelta(hours=1)
# An attacker can set off the owner's mail: at most this many a day for one username.
SIGNIN_PAUSED_MAILS_PER_DAY = 3


# A username's failed sign-ins are forgotten this long after the last one (its locks ended
# long before): otherwise every name a guesser ever tried would keep a row.
SIGNIN_FAILURES_KEPT = timedelta(days=30)


def account_locks_prune(*, now: datetime) -> int:
    """Delete the failure counts of usernames nobody has tried for a long time."""
    deleted, _by_model = AccountLock.objects.filter(
        updated_at__lt=now - SIGNIN_FAILURES_KEPT
    ).delete()
    return deleted


def run_periodic() -> None:
    """Core's periodic jobs, run by the worker every few minutes: old records go."""
    now = timezone.now()
    sent_mail_prune(now=now)
    account_locks_prune(now=now)
    tasks_prune(now=now)


def signin_key(username: str) -> str:
    """A keyed hash of the username as typed, folded: the same for "Maryam" and "maryam "."""
    folded = unicodedata.normalize("NFKC", username).strip().casefold()
    return keyed_hash(folded, purpose="staff sign-in")


def signin_lock_length(locks: int) -> timedelta:
    """How long a lock lasts after `locks` earlier ones: 1, 2, 4 ... minutes, at most an hour."""
    return min(SIGNIN_FIRST_LOCK * 2 ** min(locks, 10), SIGNIN_LONGEST_LOCK)


def signin_is_locked(*, username: str) -> bool:
    return AccountLock.objects.locked().filter(key=signin_key(username)).exists()


@transaction.atomic
def signin_failure_record(*, username: str) -> AccountLock:
    """Count a failed sign-in for username, from any address. From the limit on, each failure
    locks the username for longer, and the first lock mails the account's owner."""
    key = signin_key(username)
    AccountLock.objects.get_or_create(key=key)
    lock = AccountLock.objects.select_for_update().get(key=key)
    lock.failures += 1
    if lock.failures >= settings.FREETHEM_ACCOUNT_FAILURE_LIMIT:
        lock.locked_until = timezone.now() + signin_lock_length(lock.locks)
        lock.locks += 1
        if not lock.owner_mailed:
            lock.owner_mailed = True
            _mail_owner(key=key, username=username)
    lock.full_clean()
    lock.save()
    return lock


def _mail_owner(*, key: str, username: str) -> None:
    """Queue the mail to the staff member whose sign-in paused, if there is one with an email,
    inside the caller's transaction."""
    owners = User.objects.filter(username__iexact=username.strip(), is_staff=True, is_active=True)
    owner = owners.exclude(email="").first()
    if owner is None:
        return
    if ratelimit.hit(f"signin-mail:{key}", window=24 * 60 * 60) <= SIGNIN_PAUSED_MAILS_PER_DAY:
        send_signin_paused_mail.enqueue(user_id=owner.pk, key=message_key())


def signin_success_record(*, username: str) -> None:
    """A right password (and code): the failures are forgotten."""
    AccountLock.objects.filter(key=signin_key(username)).delete()


@transaction.atomic
def signin_lock_lift(*, user: User, by: User | None) -> None:
    """Open sign-in for user again: the lock across addresses and django-axes' per-address
    locks of their username."""
    username = user.get_username()
    AccountLock.objects.filter(key=signin_key(username)).delete()
    addresses = axes_reset(username=username)
    audit_record(
        user=by,
        action=gettext_noop("lift sign-in lock"),
        subject=f"user {username}",
        detail=f"{addresses} address locks lifted",
    )

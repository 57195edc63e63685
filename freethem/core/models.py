import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The name the background worker beats under.
WORKER_HEARTBEAT = "worker"


class Heartbeat(models.Model):
    """The last time a long-running process (the mail worker) said it was alive."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.seen_at.isoformat()}"

    @property
    def is_fresh(self) -> bool:
        stale_after = timedelta(seconds=settings.FREETHEM_WORKER_STALE_AFTER)
        return timezone.now() - self.seen_at <= stale_after


class KeyFingerprint(models.Model):
    """A keyed fingerprint of a key the site signs or encrypts with (HMAC-SHA256 of a constant
    under the key: it reveals nothing of the key). Every node and every restart must use the
    key the database was first served with; freethem.core.secretkey compares at start-up."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("key fingerprint")
        verbose_name_plural = _("key fingerprints")

    def __str__(self) -> str:
        return self.name


class RateCounter(models.Model):
    """Hits on one key (a keyed hash of an IP, a network, a domain) in one fixed window.
    Shared by every server process through the database; freethem.core.ratelimit counts with
    an atomic upsert and deletes old windows."""

    key = models.CharField(max_length=100)
    window = models.BigIntegerField(help_text=_("Start of the window, in seconds since the epoch."))
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="one_rate_counter")]
        indexes = [models.Index(fields=["window"], name="rate_counter_window")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"


class AuditEntry(models.Model):
    """A staff view or change of personal data: who, what, when. Never holds the data itself."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=50)
    subject = models.CharField(
        _("subject"), max_length=200, help_text=_("What was seen or changed.")
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.subject}"


class SentMail(models.Model):
    """A mail handed to the mail server, by its Message-ID. It is written at the last moment
    before the server takes the mail, so a task run again (its worker was killed mid-run, and
    the task's lease expired) finds it and sends nothing twice."""

    message_id = models.CharField(_("message id"), max_length=200, unique=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sent mail")
        verbose_name_plural = _("sent mails")

    def __str__(self) -> str:
        return f"{self.message_id} @ {self.at.isoformat()}"


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> "InvitationQuerySet":
        """Not used yet and not expired."""
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class EnrolmentInvitation(models.Model):
    """A one-time link an organiser gives a staff user to set up an authenticator. Only a hash
    of its token is kept: the link is shown once, to whoever issued it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="enrolment_invitations",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment invitation")
        verbose_name_plural = _("enrolment invitations")
        constraints = [
            # Issuing a new invitation replaces the user's unused one.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(used_at__isnull=True),
                name="one_open_invitation_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} for user {self.user_id}"

    @staticmethod
    def hash_token(token: str) -> str:
        # The token is 256 random bits: a plain hash cannot be reversed by guessing.
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class AccountLockQuerySet(models.QuerySet):
    def locked(self) -> "AccountLockQuerySet":
        """Locks in force now."""
        return self.filter(locked_until__gt=timezone.now())


class AccountLock(models.Model):
    """Failed staff sign-ins for one username from every address (django-axes counts per
    address). The key is a keyed hash of the folded username, kept whether or not such an
    account exists, so the lock tells a guesser nothing about which accounts exist."""

    key = models.CharField(max_length=64, unique=True)
    # Failures since the last successful sign-in (or since an organiser lifted the lock).
    failures = models.PositiveIntegerField(default=0)
    # Locks so far since then: each lasts twice as long as the one before, up to an hour.
    locks = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Whether the account's owner was mailed about these failures (once until they end).
    owner_mailed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountLockQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.key[:12]}: {self.failures} failures, locked until {self.locked_until}"

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

"""Appeals and their signatures, the counters that make counts cheap, and the defences' rules.

Personal data (email, IP, and the full name of a signer who asked not to be shown) is stored
encrypted (freethem.core.crypto); lookups go through keyed hashes. What may be published is
kept in clear: the name as the signer chose to show it, their country, city and affiliation.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from freethem.core.crypto import EncryptedTextField

# Confirmations add to one of this many counter rows per appeal and country, chosen at random,
# so concurrent confirmations rarely wait for the same row on PostgreSQL.
COUNT_SHARDS = 8


class AppealState(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    PAUSED = "paused", _("paused")
    CLOSED = "closed", _("closed")


class AppealQuerySet(models.QuerySet):
    def public(self) -> "AppealQuerySet":
        return self.exclude(state=AppealState.DRAFT)

    def featured(self) -> "Appeal | None":
        return self.public().filter(featured=True).first()

    def closed_by_hand_undated(self, now: datetime) -> "AppealQuerySet":
        """Closed appeals without a close date in the past (closed by hand, early)."""
        closed_early = Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        return self.filter(closed_early, state=AppealState.CLOSED)

    def due_for_erasure(self, now: datetime) -> "list[Appeal]":
        """Appeals closed more than their erase_after_days ago."""
        return [appeal for appeal in self.filter(closes_at__lte=now) if appeal.erasure_due(now)]


class Appeal(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fa = models.CharField(_("title (Persian)"), max_length=200)
    text_en = models.TextField(
        _("text (English)"), help_text=_("Paragraphs separated by a blank line.")
    )
    text_fa = models.TextField(
        _("text (Persian)"), help_text=_("Paragraphs separated by a blank line.")
    )
    goal = models.PositiveIntegerField(_("goal"), default=1000, help_text=_("Signatures wanted."))
    milestones = models.JSONField(
        _("milestones"),
        default=list,
        blank=True,
        help_text=_("Counts to celebrate on the way, e.g. [500, 1000, 2500]."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=AppealState.choices, default=AppealState.DRAFT
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("The appeal shown at /appeal/. Only one at a time."),
    )
    erase_after_days = models.PositiveIntegerField(
        _("erase personal data after (days)"),
        default=183,
        help_text=_("Days after the appeal closes when emails, IPs and hidden names are erased."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-featured", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["featured"], condition=Q(featured=True), name="one_featured_appeal"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("appeals:detail", args=[self.slug])

    @property
    def title(self) -> str:
        return self.title_fa if get_language() == "fa" else self.title_en

    @property
    def text(self) -> str:
        return self.text_fa if get_language() == "fa" else self.text_en

    @property
    def is_open(self) -> bool:
        """Signatures are taken now: open, and inside the open and close dates if set."""
        now = timezone.now()
        return (
            self.state == AppealState.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )

    def erasure_due(self, now: datetime) -> bool:
        """Closed more than erase_after_days ago: the signers' personal data goes."""
        return self.closes_at is not None and (
            self.closes_at + timedelta(days=self.erase_after_days) <= now
        )


class Display(models.TextChoices):
    FULL = "full", _("my full name")
    FIRST = "first", _("my first name and country")
    HIDDEN = "hidden", _("do not show my name: count me only")


class SignatureState(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")


class Reason(models.TextChoices):
    """Why the defences (or staff) held a signature or marked it suspect, in words for staff.
    Signature.reasons keeps the codes, space-separated (freethem.appeals.defences names them)."""

    NO_POW = "no-pow", _("No browser check")
    POW_INVALID = "pow-invalid", _("Browser check failed")
    POW_REUSED = "pow-reused", _("Browser check used twice")
    HONEYPOT = "honeypot", _("Hidden field filled in")
    BLOCKED_IP = "blocked-ip", _("Blocked network")
    BLOCKED_DOMAIN = "blocked-domain", _("Blocked email domain")
    BLOCKED_EMAIL = "blocked-email", _("Blocked email address")
    IP_LIMIT = "ip-limit", _("Too many from one address")
    NETWORK_LIMIT = "network-limit", _("Too many from one network")
    DOMAIN_LIMIT = "domain-limit", _("Too many from one email domain")
    STAFF = "staff", _("Marked by staff")
    LOOKALIKE = "lookalike", _("Name resembles a notable signatory")
    REJECTED = "rejected", _("Rejected by staff")
    INVALIDATED = "invalidated", _("Invalidated in bulk")


class SignatureQuerySet(models.QuerySet):
    def confirmed(self) -> "SignatureQuerySet":
        """Signatures that count: confirmed, not suspect, not held for review."""
        return self.filter(state=SignatureState.CONFIRMED, suspect=False, held=False)

    def listed(self) -> "SignatureQuerySet":
        """Signatures on the public list: counting, and with a name the signer let us show."""
        return self.confirmed().exclude(display=Display.HIDDEN)

    def notables(self) -> "SignatureQuerySet":
        """The notable signatories the public may see: listed, and marked notable with a
        recorded verification (a Notable row; the `notable` flag alone shows nobody)."""
        return (
            self.listed()
            .filter(notable_record__isnull=False)
            .select_related("notable_record")
            .order_by("public_name", "pk")
        )


class Signature(models.Model):
    appeal = models.ForeignKey(
        Appeal, models.CASCADE, related_name="signatures", verbose_name=_("appeal")
    )
    name = EncryptedTextField(_("name"))
    public_name = models.CharField(
        _("name as shown"),
        max_length=200,
        blank=True,
        help_text=_("Empty when the signer asked not to be shown."),
    )
    email = EncryptedTextField(_("email"), null=True, help_text=_("Erased on schedule."))
    email_hash = models.CharField(max_length=64, help_text=_("Keyed hash of the normalised email."))
    email_domain = models.CharField(_("email domain"), max_length=253)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    affiliation = models.CharField(_("affiliation or title"), max_length=200, blank=True)
    display = models.CharField(
        _("show my name as"), max_length=10, choices=Display.choices, default=Display.FULL
    )
    wants_updates = models.BooleanField(_("wants updates"), default=False)
    language = models.CharField(_("language"), max_length=10, default="en")
    notable = models.BooleanField(
        _("notable signatory"), default=False, help_text=_("Shown among the notable signatories.")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=SignatureState.choices, default=SignatureState.PENDING
    )
    # Abuse signals. Suspect and held signatures are kept but not counted or listed.
    suspect = models.BooleanField(_("suspect"), default=False)
    held = models.BooleanField(
        _("held for review"),
        default=False,
        help_text=_(
            "Not counted until staff have checked it: signed without the browser check, or "
            "with a name like a notable signatory's (see the reasons)."
        ),
    )
    reasons = models.CharField(_("reasons"), max_length=200, blank=True)
    ip = EncryptedTextField(
        _("IP address"), null=True, blank=True, help_text=_("Erased after 30 days.")
    )
    network_hash = models.CharField(
        max_length=64, blank=True, help_text=_("Keyed hash of the /24 or /48.")
    )
    # The secret that the signer's links carry (signed), and by which they find the signature:
    # random, so a link tells nothing of when or how many signed. Changing it revokes the
    # links; erasing the signer's personal data empties it (NULL: unique, yet many erased).
    link_key = models.CharField(max_length=64, unique=True, null=True)  # noqa: DJ001
    created_at = models.DateTimeField(_("signed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirm_mail_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "email_hash"], name="one_signature_per_email"
            ),
        ]
        indexes = [
            models.Index(fields=["appeal", "state", "created_at"], name="signature_appeal_state"),
            models.Index(fields=["created_at"], name="signature_created"),
            # The public list filtered by country, newest first (issue 14).
            models.Index(fields=["appeal", "country", "created_at"], name="signature_country"),
        ]

    def __str__(self) -> str:
        return self.public_name or str(_("(name not shown)"))

    @property
    def reason_labels(self) -> list[str]:
        """The reasons in words; a code without a label (from an older release) as it is."""
        labels = dict(Reason.choices)
        return [str(labels.get(code, code)) for code in self.reasons.split()]

    @property
    def counts(self) -> bool:
        return self.state == SignatureState.CONFIRMED and not self.suspect and not self.held

    @property
    def awaits_check(self) -> bool:
        """Confirmed and held because it came without the browser check (JavaScript off): the
        one hold a signer is told of, since the sign form's note told them already. Any other
        hold (a name like a notable's) is never shown to the signer."""
        return (
            self.state == SignatureState.CONFIRMED
            and self.held
            and Reason.NO_POW in self.reasons.split()
        )

    @property
    def shown_notable(self) -> "Notable | None":
        """This signer's verified notable record when the public may see it as one (listed);
        None otherwise. Signature.objects.notables() is the same rule for many."""
        if self.display == Display.HIDDEN or not self.counts:
            return None
        return getattr(self, "notable_record", None)


class CountShard(models.Model):
    """Part of an appeal's confirmed count in one country. The count is the sum of the shards:
    exact (changed in the same transaction as the signature) and cheap to read."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="count_shards")
    country = models.CharField(max_length=2)
    shard = models.PositiveSmallIntegerField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appeal", "country", "shard"], name="one_count_shard"),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.country} #{self.shard}: {self.count}"

    @staticmethod
    def totals(appeal: Appeal) -> dict[str, int]:
        rows = (
            CountShard.objects.filter(appeal=appeal).values("country").annotate(total=Sum("count"))
        )
        return {row["country"]: row["total"] for row in rows if row["total"]}


class CountSnapshot(models.Model):
    """The confirmed count at the start of each hour, for the chart and open data."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="snapshots")
    hour = models.DateTimeField()
    confirmed = models.PositiveIntegerField()
    countries = models.PositiveIntegerField()

    class Meta:
        ordering = ["hour"]
        constraints = [
            models.UniqueConstraint(fields=["appeal", "hour"], name="one_snapshot_per_hour")
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H:00}: {self.confirmed}"


class RuleKind(models.TextChoices):
    NETWORK = "network", _("IP address or range")
    DOMAIN = "domain", _("email domain")
    EMAIL = "email", _("email address")


class RuleAction(models.TextChoices):
    BLOCK = "block", _("block (mark suspect)")
    ALLOW = "allow", _("allow (skip the limits)")


class Rule(models.Model):
    """A block or allow rule. Emails are stored as keyed hashes only."""

    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)
    action = models.CharField(_("action"), max_length=10, choices=RuleAction.choices)
    value = models.CharField(
        _("value"),
        max_length=253,
        help_text=_("A network such as 203.0.113.0/24, a domain, or (for emails) its keyed hash."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("block or allow rule")
        verbose_name_plural = _("block and allow rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="one_rule_per_value"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.value}"


class Limits(models.Model):
    """The rate limits, one row, tunable by organisers. A signature over a limit is taken
    silently and marked suspect."""

    per_ip = models.PositiveIntegerField(_("signatures per IP address per hour"), default=10)
    per_network = models.PositiveIntegerField(
        _("signatures per network (/24, /48) per hour"), default=50
    )
    per_domain = models.PositiveIntegerField(
        _("signatures per email domain per hour"),
        default=500,
        help_text=_("Large providers (gmail.com, ...) are exempt: see the allow rules."),
    )
    mails_per_address = models.PositiveIntegerField(
        _("mails per email address per hour"),
        default=3,
        help_text=_(
            "Every mail a signer can make us send (signing, signing again, a new link) "
            "counts. A suspect signature's mail goes out once a day at most."
        ),
    )
    mails_per_network = models.PositiveIntegerField(
        _("mails per network (/24, /48) per hour"),
        default=60,
        help_text=_(
            "Keep it above the signatures per network, so that every signer at a busy "
            "venue gets a mail. Suspect signatures get 5 an hour at most."
        ),
    )
    alert_threshold = models.PositiveIntegerField(
        _("alert at signatures per hour from one source"), default=100
    )
    ip_retention_days = models.PositiveIntegerField(_("keep IP addresses for (days)"), default=30)

    class Meta:
        verbose_name = _("rate limits")
        verbose_name_plural = _("rate limits")

    def __str__(self) -> str:
        return str(_("rate limits"))

    @classmethod
    def current(cls) -> "Limits":
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def ip_retention(self) -> timedelta:
        return timedelta(days=self.ip_retention_days)


class Alert(models.Model):
    """A source (IP, network or domain) that passed the alert threshold."""

    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)
    source = models.CharField(
        _("source key"),
        max_length=253,
        help_text=_("The domain, or a keyed hash of the IP or network."),
    )
    label = models.CharField(
        _("source"), max_length=100, help_text=_("What staff see: the domain or a masked address.")
    )
    count = models.PositiveIntegerField(_("signatures in an hour"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    seen = models.BooleanField(_("seen by staff"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abuse alert")
        verbose_name_plural = _("abuse alerts")

    def __str__(self) -> str:
        return f"{self.label}: {self.count}"


# Notable signatories (issue 14)


class VerificationMeans(models.TextChoices):
    CALL = "call", _("a phone or video call")
    ADDRESS = "address", _("a known address")
    POST = "post", _("their own public post")
    IN_PERSON = "in-person", _("in person")
    OTHER = "other", _("other")


class Notable(models.Model):
    """A signature an organiser shows among the notable signatories, with how they verified
    that the signer is who the name says: a notable exists only with its verification (the
    fields are required, services.notable_mark records both at once)."""

    signature = models.OneToOneField(
        Signature,
        models.CASCADE,
        related_name="notable_record",
        verbose_name=_("signature"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    # Kept beside the link, so the record outlives the staff account (as the audit log).
    verified_by_name = models.CharField(_("verified by (username)"), max_length=150)
    verified_at = models.DateTimeField(_("verified at"))
    means = models.CharField(
        _("verified by what means"), max_length=10, choices=VerificationMeans.choices
    )
    note = models.CharField(
        _("verification note"),
        max_length=500,
        help_text=_("What was checked: the post's address, who took the call, and so on."),
    )
    description_en = models.CharField(
        _("description (English)"),
        max_length=120,
        help_text=_("A few words shown with the name, e.g. “linguist and author”."),
    )
    description_fa = models.CharField(_("description (Persian)"), max_length=120, blank=True)
    statement_en = models.TextField(
        _("statement of support (English)"),
        max_length=1500,
        blank=True,
        help_text=_("Optional: the signer's own words, shown with their name."),
    )
    statement_fa = models.TextField(
        _("statement of support (Persian)"), max_length=1500, blank=True
    )
    created_at = models.DateTimeField(_("marked notable at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notable signatory")
        verbose_name_plural = _("notable signatories")
        ordering = ["signature__public_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(means__in=VerificationMeans.values)
                & ~Q(note="")
                & ~Q(verified_by_name="")
                & ~Q(description_en=""),
                name="notable_is_verified",
            ),
        ]

    def __str__(self) -> str:
        return str(self.signature)

    @property
    def description(self) -> str:
        return (get_language() == "fa" and self.description_fa) or self.description_en

    @property
    def statement(self) -> str:
        """In the reader's language when given in it, else in the other."""
        if get_language() == "fa":
            return self.statement_fa or self.statement_en
        return self.statement_en or self.statement_fa


# publication (issue 14)


class PublicationKind(models.TextChoices):
    AD = "ad", _("newspaper ad")
    PACK = "pack", _("delivery pack")


class PublicationState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Publication(models.Model):
    """A print-ready PDF of an appeal's names (the newspaper ad, or the delivery pack for a
    recipient), made by the worker. The file lies in the data directory, never in static or
    media: it holds names, and only organisers download it."""

    appeal = models.ForeignKey(
        Appeal, models.CASCADE, related_name="publications", verbose_name=_("appeal")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PublicationKind.choices)
    language = models.CharField(_("edition"), max_length=10)
    preset = models.CharField(_("page size"), max_length=20)
    width_mm = models.FloatField(_("width (mm)"))
    height_mm = models.FloatField(_("height (mm)"))
    recipient = models.TextField(_("recipient"), blank=True, max_length=500)
    letter = models.TextField(_("cover letter"), blank=True, max_length=10000)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=PublicationState.choices,
        default=PublicationState.QUEUED,
    )
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    done = models.PositiveIntegerField(_("names laid out"), default=0)
    total = models.PositiveIntegerField(_("names"), default=0)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    font_size = models.FloatField(_("font size of the names (pt)"), null=True, blank=True)
    file_name = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Written with each step of progress: a run whose beat is older than the task lease died.
    beat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("print PDF")
        verbose_name_plural = _("print PDFs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.appeal_id} ({self.language})"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (PublicationState.DONE, PublicationState.FAILED)


# circulation (issue 14)

# Share and source codes travel in links (?via=<code>): lower-case letters and digits without
# the ones that read alike (0/o, 1/l/i), so a code read aloud or retyped survives; looked up
# in lower case, so a code that a mail client or a person capitalised still works.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SHARE_CODE_LENGTH = 10  # 31**10, about 2**49: no code is guessed from another
CODE_MAX_LENGTH = 32


class ShareCode(models.Model):
    """A signer's own share code: random, so it tells nothing of the signer or of their secret
    personal link, and shown in the links they pass on."""

    signature = models.OneToOneField(
        Signature, models.CASCADE, related_name="share_code", verbose_name=_("signature")
    )
    code = models.CharField(_("code"), max_length=CODE_MAX_LENGTH, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return self.code


class SourceCodeQuerySet(models.QuerySet):
    def active(self) -> "SourceCodeQuerySet":
        return self.filter(active=True)


class SourceCode(models.Model):
    """An organisers' code for one channel (an ad, a forum, a partner's list): signatures that
    come through its link are counted for it."""

    appeal = models.ForeignKey(
        Appeal, models.CASCADE, related_name="source_codes", verbose_name=_("appeal")
    )
    code = models.CharField(
        _("code"),
        max_length=CODE_MAX_LENGTH,
        unique=True,
        help_text=_(
            "Letters a-z, digits and hyphens, 2 to 32 characters, as it appears in the link. "
            "Leave it empty for a random code."
        ),
    )
    label = models.CharField(
        _("label"), max_length=200, help_text=_("Where the link is used: an ad, a forum, a list.")
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Signatures through an inactive code count as direct."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SourceCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("source code")
        verbose_name_plural = _("source codes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.code} ({self.label})"


class Attribution(models.Model):
    """The share or source code a signature came through (one of the two). A sharer's
    withdrawal deletes their share code and leaves `share` empty: still a share, of nobody.
    A source code cannot be deleted while signatures name it (deactivate it instead), unless
    its appeal goes with them (RESTRICT)."""

    signature = models.OneToOneField(
        Signature, models.CASCADE, primary_key=True, related_name="attribution"
    )
    share = models.ForeignKey(
        ShareCode, models.SET_NULL, null=True, blank=True, related_name="attributions"
    )
    source = models.ForeignKey(
        SourceCode, models.RESTRICT, null=True, blank=True, related_name="attributions"
    )

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(source__isnull=True),
                name="attribution_share_or_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signature_id}: {self.share_id or self.source_id}"


# review (issue 14)


class ReviewSignature(Signature):
    """The review queue's view of signatures (held or suspect, not yet decided): a second list
    in the staff area, with its own filters and bulk actions."""

    class Meta:
        proxy = True
        verbose_name = _("signature to review")
        verbose_name_plural = _("signatures to review")


class Invalidation(models.Model):
    """A bulk invalidation: every signature matching the conditions, marked suspect at once.
    Keeps who ran it and why, and which signatures it changed (InvalidatedSignature), so that
    undoing it restores exactly those and the count."""

    conditions = models.JSONField(_("conditions"))
    reason = models.CharField(_("why"), max_length=500)
    changed = models.PositiveIntegerField(_("signatures changed"))
    uncounted = models.PositiveIntegerField(_("taken off the count"))
    fingerprint = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    username = models.CharField(_("run by"), max_length=150)
    created_at = models.DateTimeField(_("run at"), default=timezone.now)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.CharField(_("undone by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk invalidation")
        verbose_name_plural = _("bulk invalidations")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username}: {self.changed}"


class InvalidatedSignature(models.Model):
    """One signature a bulk invalidation changed, with its reasons as they were before."""

    invalidation = models.ForeignKey(Invalidation, models.CASCADE, related_name="items")
    signature = models.ForeignKey(Signature, models.CASCADE, related_name="invalidations")
    reasons = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invalidation", "signature"], name="one_item_per_invalidation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invalidation_id}: {self.signature_id}"


# The public list's search (issue 14)


class SignatureSearchKey(models.Model):
    """The search index of an appeal's public list: one row per name key of a signature's
    name as shown (freethem.appeals.search). Written when a signature is confirmed and when
    the name it shows changes; whether it is listed is asked of the signature itself, so a
    moderator's mark needs no change here."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="+")
    signature = models.ForeignKey(Signature, models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["appeal", "key", "signature"], name="signature_search")]
        constraints = [
            models.UniqueConstraint(fields=["signature", "key"], name="one_signature_key"),
        ]

    def __str__(self) -> str:
        return self.key

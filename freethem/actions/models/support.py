"""Supporting the campaign: fundraising drives and their gifts and expenses, and volunteers.

A donor's and a volunteer's name and email are personal data, kept as signatures are:
encrypted, with a keyed hash of the email to find duplicates, seen by organisers only."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from freethem.actions.models.base import Bilingual
from freethem.actions.vocab import (
    Availability,
    GiftSource,
    GiftState,
    PaymentOutcome,
    State,
    VolunteerState,
)
from freethem.core.crypto import EncryptedTextField

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class DriveQuerySet(models.QuerySet):
    def public(self) -> "DriveQuerySet":
        return self.filter(state=State.PUBLISHED)

    def open(self) -> "DriveQuerySet":
        today = timezone.localdate()
        return self.public().filter(opens_on__lte=today, deadline__gte=today).order_by("deadline")

    def past(self) -> "DriveQuerySet":
        return self.public().filter(deadline__lt=timezone.localdate()).order_by("-deadline", "-pk")


class Drive(Bilingual):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    purpose_en = models.TextField(_("purpose (English)"), max_length=4000)
    purpose_fa = models.TextField(_("purpose (Persian)"), max_length=4000, blank=True)
    goal = models.DecimalField(_("goal"), max_digits=12, decimal_places=2, validators=POSITIVE)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    deadline = models.DateField(_("deadline"))
    report_en = models.TextField(_("report of what was done (English)"), blank=True)
    report_fa = models.TextField(_("report of what was done (Persian)"), blank=True)
    offline_en = models.TextField(
        _("how to give offline (English)"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Bank transfer details, or whom to contact. Shown beside the gift form, and instead "
            "of it while online gifts are not set up."
        ),
    )
    offline_fa = models.TextField(_("how to give offline (Persian)"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = DriveQuerySet.as_manager()

    class Meta:
        ordering = ("-deadline", "-pk")
        verbose_name = _("fundraising drive")
        verbose_name_plural = _("fundraising drives")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")),
                name="drive_deadline_after_opening",
                violation_error_message=_("The deadline cannot come before the opening day."),
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("support:drive", args=[self.slug])

    @property
    def is_open(self) -> bool:
        """Taking gifts: published, opened, and the deadline not passed (it is the last day)."""
        today = timezone.localdate()
        return self.state == State.PUBLISHED and self.opens_on <= today <= self.deadline

    @property
    def days_left(self) -> int:
        """Days until the deadline: 0 on its day (the last day of giving) and after it."""
        return max((self.deadline - timezone.localdate()).days, 0)

    @property
    def is_upcoming(self) -> bool:
        return self.opens_on > timezone.localdate()


class GiftQuerySet(models.QuerySet):
    def confirmed(self) -> "GiftQuerySet":
        return self.filter(state=GiftState.CONFIRMED)

    def counted(self) -> "GiftQuerySet":
        """What a drive's totals add up: confirmed gifts in the drive's own currency. A gift in
        another currency is kept, and shown to staff, but never converted at a guessed rate."""
        return self.confirmed().filter(currency=models.F("drive__currency"))

    def other_currency(self) -> "GiftQuerySet":
        return self.confirmed().exclude(currency=models.F("drive__currency"))


class Gift(models.Model):
    drive = models.ForeignKey(Drive, models.PROTECT, related_name="gifts", verbose_name=_("drive"))
    source = models.CharField(_("source"), max_length=10, choices=GiftSource.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=GiftState.choices, default=GiftState.PENDING
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, validators=POSITIVE)
    currency = models.CharField(_("currency"), max_length=3)
    # Ours: sent to the processor with the redirect (client_reference_id), named by its webhook;
    # for an offline gift, made up at entry.
    reference = models.CharField(_("reference"), max_length=120, unique=True)
    # The processor's id of the payment (a Stripe PaymentIntent), which its refunds name.
    payment_id = models.CharField(_("payment at the processor"), max_length=120, blank=True)
    name = EncryptedTextField(_("name"), blank=True)
    email = EncryptedTextField(_("email"), blank=True, null=True)
    public_name = models.CharField(
        _("name shown publicly"),
        max_length=120,
        blank=True,
        help_text=_("Only when the donor asked to be named."),
    )
    note = models.TextField(_("staff note"), blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(default=False, editable=False)

    objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        indexes = [models.Index(fields=["payment_id"], name="gift_payment_id")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="gift_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    @property
    def is_counted(self) -> bool:
        return self.state == GiftState.CONFIRMED and self.currency == self.drive.currency


class PaymentEvent(models.Model):
    """An event the payment processor's webhook delivered, once its signature was verified:
    what it was and what it did. Its id makes a replayed delivery change nothing; the rest is
    for staff who wonder why a gift is (not) counted. No personal data is kept here."""

    event_id = models.CharField(_("event"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=100)
    reference = models.CharField(_("reference"), max_length=255, blank=True)
    gift = models.ForeignKey(
        Gift, models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("gift")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=PaymentOutcome.choices)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ("-received_at", "-pk")
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id}"


class Expense(Bilingual):
    """What a drive's money was spent on, for its public report."""

    drive = models.ForeignKey(
        Drive, models.PROTECT, related_name="expenses", verbose_name=_("drive")
    )
    spent_on = models.DateField(_("spent on"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, validators=POSITIVE)
    currency = models.CharField(_("currency"), max_length=3)
    description_en = models.CharField(_("what for (English)"), max_length=300)
    description_fa = models.CharField(_("what for (Persian)"), max_length=300, blank=True)

    class Meta:
        ordering = ("spent_on", "pk")
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.description_en


class Volunteer(models.Model):
    name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("email"), null=True)
    email_hash = models.CharField(max_length=64, unique=True)
    safe_contact = EncryptedTextField(
        _("how to reach them safely"),
        blank=True,
        help_text=_("Such as a Signal number; seen by organisers only."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    country = CountryField(_("country"), blank=True)
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, blank=True
    )
    message = EncryptedTextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    state = models.CharField(
        _("state"), max_length=10, choices=VolunteerState.choices, default=VolunteerState.NEW
    )
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    # When they opened the mailed link: until then nobody proved the address is theirs.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self) -> str:
        return _("Volunteer %(number)s") % {"number": self.pk}

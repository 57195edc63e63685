"""Urgent actions: a prisoner in danger, what to demand, whom to write to, a model letter."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from freethem.actions.models.base import Bilingual
from freethem.actions.vocab import LETTER_LANGUAGES, OfficialRole, State


class UrgentActionQuerySet(models.QuerySet):
    def public(self) -> "UrgentActionQuerySet":
        return self.filter(state=State.PUBLISHED)

    def active(self, today: date | None = None) -> "UrgentActionQuerySet":
        """Published and not expired: the open urgent actions."""
        today = today or timezone.localdate()
        return self.public().filter(expires_on__gte=today).order_by("expires_on", "pk")

    def archived(self, today: date | None = None) -> "UrgentActionQuerySet":
        today = today or timezone.localdate()
        return self.public().filter(expires_on__lt=today).order_by("-expires_on", "-pk")


class UrgentAction(Bilingual):
    prisoner = models.ForeignKey(
        "prisoners.Person",
        models.PROTECT,
        related_name="urgent_actions",
        verbose_name=_("prisoner"),
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    reference = models.CharField(
        _("reference"), max_length=40, blank=True, help_text=_("Such as UA 12/26.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    expires_on = models.DateField(
        _("open until"), help_text=_("After this day the action moves to the archive.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=4000)
    summary_fa = models.TextField(_("summary (Persian)"), max_length=4000, blank=True)
    demands_en = models.TextField(
        _("demands (English)"), max_length=2000, help_text=_("One demand per line.")
    )
    demands_fa = models.TextField(
        _("demands (Persian)"), max_length=2000, blank=True, help_text=_("One demand per line.")
    )
    card_en = models.TextField(
        _("solidarity card greeting (English)"),
        max_length=500,
        blank=True,
        help_text=_("Greetings only: prisons destroy cards that speak of the case."),
    )
    card_fa = models.TextField(_("solidarity card greeting (Persian)"), max_length=500, blank=True)
    card_address = models.TextField(
        _("postal address for cards"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Where cards reach the prisoner, if it is safe to publish. Left empty, the card "
            "shows the prison's name and city from the prisoner's record."
        ),
    )
    taken_count = models.PositiveIntegerField(_("taken"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = UrgentActionQuerySet.as_manager()

    class Meta:
        ordering = ("-issued_on", "-pk")
        verbose_name = _("urgent action")
        verbose_name_plural = _("urgent actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("issued_on")),
                name="urgent_action_expires_after_issue",
                violation_error_message=_("An urgent action cannot expire before it is issued."),
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("urgent:detail", args=[self.slug])

    @property
    def is_active(self) -> bool:
        return self.state == State.PUBLISHED and self.expires_on >= timezone.localdate()

    @property
    def title(self) -> str:
        """The title in the reader's language (English when the Persian is not written)."""
        return self.in_language("title")

    @property
    def summary(self) -> str:
        return self.in_language("summary")

    @property
    def greeting(self) -> str:
        """The solidarity card's greeting in the reader's language."""
        return self.in_language("card")

    def demands(self) -> list[str]:
        return [line.strip() for line in self.in_language("demands").splitlines() if line.strip()]


class Official(models.Model):
    """Someone to write to about an urgent action, or to send a copy to (an embassy)."""

    urgent_action = models.ForeignKey(
        UrgentAction, models.CASCADE, related_name="officials", verbose_name=_("urgent action")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=OfficialRole.choices, default=OfficialRole.TARGET
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=300, blank=True)
    address = models.TextField(_("postal address"), max_length=1000, blank=True)
    email = models.EmailField(_("email"), blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=LETTER_LANGUAGES, default="en"
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("For an embassy: the country it is in.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("role", "position", "pk")
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.name


class ModelLetter(models.Model):
    """The letter a supporter sends, in one language. Its subject and body may name the
    prisoner, the prison and the supporter: the letter writer fills in {prisoner}, {prison},
    {official}, {salutation}, {supporter} and {date}."""

    urgent_action = models.ForeignKey(
        UrgentAction, models.CASCADE, related_name="letters", verbose_name=_("urgent action")
    )
    language = models.CharField(_("language"), max_length=10, choices=LETTER_LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("letter"), max_length=8000)

    class Meta:
        verbose_name = _("model letter")
        verbose_name_plural = _("model letters")
        constraints = [
            models.UniqueConstraint(
                fields=["urgent_action", "language"], name="one_model_letter_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.urgent_action} ({self.language})"


class Representative(models.Model):
    """An official whom supporters in one country should contact (a member of parliament, a
    foreign minister), kept by organisers."""

    country = CountryField(_("country"))
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.CharField(
        _("body"), max_length=200, blank=True, help_text=_("Such as the parliament or ministry.")
    )
    address = models.TextField(_("postal address"), max_length=1000, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=LETTER_LANGUAGES, default="en"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    contacted_count = models.PositiveIntegerField(_("contacted"), default=0, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ("country", "position", "pk")
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self) -> str:
        return self.name


class RepresentativeMessage(models.Model):
    """The message template for writing to representatives: for one country, or for every
    country without one of its own (country left empty)."""

    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LETTER_LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), max_length=8000)

    class Meta:
        verbose_name = _("message to representatives")
        verbose_name_plural = _("messages to representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "language"], name="one_representative_message_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country or '*'} ({self.language})"

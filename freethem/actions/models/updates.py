"""Updates: news, press releases, factsheets, statements, letters from prison; and supporters
who follow a prisoner to be mailed that prisoner's updates."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freethem.actions.models.base import Bilingual
from freethem.actions.vocab import FollowState, MediaKind, State, UpdateKind
from freethem.core.crypto import EncryptedTextField


class UpdateQuerySet(models.QuerySet):
    def public(self) -> "UpdateQuerySet":
        """Published, and their time has come (an update may be published for later)."""
        return self.filter(state=State.PUBLISHED, published_at__lte=timezone.now()).order_by(
            "-published_at", "-pk"
        )


class Update(Bilingual):
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UpdateKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    summary_fa = models.TextField(_("summary (Persian)"), max_length=600, blank=True)
    body_en = models.TextField(_("text (English)"), max_length=40000)
    body_fa = models.TextField(_("text (Persian)"), max_length=40000, blank=True)
    author = models.CharField(
        _("by"),
        max_length=200,
        blank=True,
        help_text=_("For a statement or a letter from prison: who wrote it."),
    )
    prisoners = models.ManyToManyField(
        "prisoners.Person", blank=True, related_name="updates", verbose_name=_("prisoners")
    )
    appeals = models.ManyToManyField(
        "appeals.Appeal", blank=True, related_name="updates", verbose_name=_("appeals")
    )
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="updates", verbose_name=_("events")
    )
    # When the followers of its prisoners were mailed (once per update).
    followers_mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-pk")
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=State.PUBLISHED) | Q(published_at__isnull=False),
                name="published_update_has_a_time",
                violation_error_message=_("A published update needs its time of publication."),
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("updates:detail", args=[self.slug])


class UpdateMedia(models.Model):
    """Video or audio on another site: shown as a placeholder that loads nothing from that
    site until the visitor asks."""

    update = models.ForeignKey(
        Update, models.CASCADE, related_name="media", verbose_name=_("update")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MediaKind.choices)
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("video or audio")
        verbose_name_plural = _("videos and audio")

    def __str__(self) -> str:
        return self.title


class Follow(models.Model):
    """A supporter who asked to be mailed one prisoner's updates (double opt-in)."""

    prisoner = models.ForeignKey(
        "prisoners.Person", models.CASCADE, related_name="follows", verbose_name=_("prisoner")
    )
    email = EncryptedTextField(_("email"), null=True)
    email_hash = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=10, default="en")
    state = models.CharField(
        _("state"), max_length=10, choices=FollowState.choices, default=FollowState.PENDING
    )
    link_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["prisoner", "email_hash"], name="one_follow_per_email")
        ]

    def __str__(self) -> str:
        return _("Follower %(number)s") % {"number": self.pk}

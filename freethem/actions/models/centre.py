"""The action centre: an ordered, staff-edited list of the things a supporter can do now."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freethem.actions.models.base import Bilingual
from freethem.actions.vocab import ActionKind


class ActionQuerySet(models.QuerySet):
    def public(self) -> "ActionQuerySet":
        return self.filter(published=True).order_by("position", "pk")


class Action(Bilingual):
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind.choices)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Lower numbers come first.")
    )
    published = models.BooleanField(_("shown"), default=True)
    title_en = models.CharField(_("title (English)"), max_length=120)
    title_fa = models.CharField(_("title (Persian)"), max_length=120, blank=True)
    text_en = models.TextField(_("short text (English)"), max_length=600, blank=True)
    text_fa = models.TextField(_("short text (Persian)"), max_length=600, blank=True)
    button_en = models.CharField(_("button (English)"), max_length=60)
    button_fa = models.CharField(_("button (Persian)"), max_length=60, blank=True)
    url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Only for another action: the page where it is done (a path on this site "
            "or an https:// address)."
        ),
    )
    # People who said "I did this", for kinds that have no count of their own (share, link).
    done_count = models.PositiveIntegerField(_("done"), default=0, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title_en


class NewsPickQuerySet(models.QuerySet):
    def public(self) -> "NewsPickQuerySet":
        """Shown, of people whose record is published, in the staff's order."""
        from freethem.prisoners.models import published

        return self.filter(published("prisoner__"), shown=True).order_by("position", "-since", "pk")


class NewsPick(Bilingual):
    """A prisoner in the news: the staff's pick for the front page."""

    prisoner = models.ForeignKey(
        "prisoners.Person",
        models.CASCADE,
        related_name="news_picks",
        verbose_name=_("prisoner"),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Lower numbers come first.")
    )
    shown = models.BooleanField(_("shown"), default=True)
    note_en = models.CharField(
        _("why in the news (English)"),
        max_length=200,
        blank=True,
        help_text=_("One line, such as “Began a hunger strike on 3 March.”"),
    )
    note_fa = models.CharField(_("why in the news (Persian)"), max_length=200, blank=True)
    since = models.DateField(_("in the news since"), default=timezone.localdate)
    is_demo = models.BooleanField(default=False, editable=False)

    objects = NewsPickQuerySet.as_manager()

    class Meta:
        ordering = ("position", "-since", "pk")
        verbose_name = _("prisoner in the news")
        verbose_name_plural = _("prisoners in the news")

    def __str__(self) -> str:
        return str(self.prisoner)

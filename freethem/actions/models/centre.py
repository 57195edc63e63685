"""The action centre: an ordered, staff-edited list of the things a supporter can do now."""

from django.db import models
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

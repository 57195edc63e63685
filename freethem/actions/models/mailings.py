"""Mailings: one message (per language) sent by the worker to those on a list who opted in.

A mailing's recipients are written down as Delivery rows when its sending starts, one per
person, naming the row the address is read from (a signature, a follower, an RSVP) but not
the address: the worker reads it when it sends, so an address erased meanwhile is not mailed.
Each delivery is sent at most once (freethem.core.mail.send_once, keyed by the delivery), so
a worker killed halfway and started again goes on where it stopped."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from freethem.actions.models.base import Bilingual
from freethem.actions.vocab import Audience, DeliveryState, MailingState


class Mailing(Bilingual):
    audience = models.CharField(_("send to"), max_length=10, choices=Audience.choices)
    appeal = models.ForeignKey(
        "appeals.Appeal",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appeal"),
    )
    prisoner = models.ForeignKey(
        "prisoners.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prisoner"),
    )
    event = models.ForeignKey(
        "events.Event",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    subject_fa = models.CharField(_("subject (Persian)"), max_length=200, blank=True)
    body_en = models.TextField(_("message (English)"), max_length=40000)
    body_fa = models.TextField(_("message (Persian)"), max_length=40000, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MailingState.choices, default=MailingState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    test_sent_at = models.DateTimeField(_("test sent"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    # The run of the sending task that may go on: each batch names the run it belongs to and
    # hands on to the next only while it is still the current one (pausing and resuming start
    # a new run, so a batch of the old run stops instead of going on beside the new one).
    run = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        audience="appeal",
                        appeal__isnull=False,
                        prisoner__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        audience="followers",
                        prisoner__isnull=False,
                        appeal__isnull=True,
                        event__isnull=True,
                    )
                    | Q(
                        audience="event",
                        event__isnull=False,
                        appeal__isnull=True,
                        prisoner__isnull=True,
                    )
                ),
                name="mailing_names_its_list",
                violation_error_message=_(
                    "Choose the one appeal, prisoner or event whose list this mailing goes to."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.subject_en


class Delivery(models.Model):
    mailing = models.ForeignKey(
        Mailing, models.CASCADE, related_name="deliveries", verbose_name=_("mailing")
    )
    # Where the address is read from at sending time: "appeals.signature:12", "actions.follow:3".
    source = models.CharField(max_length=60)
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    # After a temporary failure (the mail server busy or down), not tried again before this.
    not_before = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "source"], name="one_delivery_per_person")
        ]
        indexes = [models.Index(fields=["mailing", "state"], name="delivery_mailing_state")]

    def __str__(self) -> str:
        return f"{self.mailing_id}/{self.source}"


class Unsubscribe(models.Model):
    """Someone who asked to be mailed no more from one list ("appeal:5", "followers:7",
    "event:3") or from every list ("all"); `email_hash` is
    freethem.actions.subscriptions.address_hash of their address."""

    email_hash = models.CharField(max_length=64)
    scope = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribe")
        verbose_name_plural = _("unsubscribes")
        constraints = [
            models.UniqueConstraint(fields=["email_hash", "scope"], name="one_unsubscribe_per_list")
        ]

    def __str__(self) -> str:
        return self.scope

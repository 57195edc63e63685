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

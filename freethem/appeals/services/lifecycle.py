"""The data lifecycle of appeals, run by the background worker every few minutes
(run_periodic) and by `manage.py appeals_lifecycle`.

- IP addresses, and the keyed hash of their network, are kept only as long as the abuse checks
  need them (Limits.ip_retention_days, 30 by default), then erased.
- When an appeal has been closed for its erase_after_days (about six months by default), the
  signers' personal data is erased: emails, IPs, full names that were not shown, and the
  signatures never confirmed. The count stays, with the names and countries signers chose to
  show.
- Once an hour, the count of each open or paused appeal is written down for the chart and the
  open data.

Each function is idempotent: running it twice, or from two processes, changes nothing more.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from freethem.appeals.models import (
    Appeal,
    AppealState,
    CountShard,
    CountSnapshot,
    Display,
    Limits,
    Signature,
    SignatureState,
)
from freethem.appeals.services.counting import count_forget

logger = logging.getLogger(__name__)


@dataclass
class Erased:
    signatures: int = 0  # signatures whose personal data was erased
    deleted: int = 0  # unconfirmed signatures deleted


def ips_erase(*, now: datetime) -> int:
    """Erase the IP address and network hash of signatures older than the retention period.
    Returns how many signatures had one."""
    before = now - Limits.current().ip_retention
    old = Signature.objects.filter(created_at__lt=before).filter(
        Q(ip__isnull=False) | ~Q(network_hash="")
    )
    return old.update(ip=None, network_hash="")


def appeal_close_dates_set(*, now: datetime) -> int:
    """Give an appeal closed by hand the close date now, the first time this runs after, so
    the wait before its erasure is counted from then (a few minutes late at most), never from
    an earlier date. Returns how many appeals got one."""
    return Appeal.objects.closed_by_hand_undated(now).update(closes_at=now)


@transaction.atomic
def appeal_personal_data_erase(*, appeal: Appeal) -> Erased:
    """Erase an appeal's personal data, keeping its count and the names signers let us show."""
    signatures = Signature.objects.filter(appeal=appeal)
    deleted, _by_model = signatures.filter(state=SignatureState.PENDING).delete()
    # Every signature has an email until it is erased: that marks the ones still to do.
    fresh = signatures.filter(email__isnull=False)
    # The full name was published only when the signer chose it; otherwise only public_name.
    fresh.exclude(display=Display.FULL).update(name="")
    fresh.filter(display=Display.HIDDEN).update(city="", affiliation="")
    erased = fresh.update(
        email=None,
        # The signer's links stop working: nothing of theirs is left to change or download.
        link_key=None,
        ip=None,
        network_hash="",
        email_domain="",
        # Whoever holds the key could still test an address against its hash; the
        # replacement only has to stay unique per appeal.
        email_hash=Concat(Value("erased:"), Cast("pk", CharField())),
    )
    count_forget(appeal=appeal)
    return Erased(signatures=erased, deleted=deleted)


def personal_data_erase(*, now: datetime) -> Erased:
    """Erase the personal data of every appeal whose time has come."""
    total = Erased()
    appeal_close_dates_set(now=now)
    for appeal in Appeal.objects.due_for_erasure(now):
        erased = appeal_personal_data_erase(appeal=appeal)
        total.signatures += erased.signatures
        total.deleted += erased.deleted
    return total


def snapshot_counts(*, now: datetime) -> int:
    """Write the count of each open or paused appeal for the current hour, once. Returns how
    many snapshots were new."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    appeals = Appeal.objects.filter(state__in=[AppealState.OPEN, AppealState.PAUSED]).exclude(
        snapshots__hour=hour
    )
    snapshots = []
    for appeal in appeals:
        totals = CountShard.totals(appeal)
        snapshots.append(
            CountSnapshot(
                appeal=appeal, hour=hour, confirmed=sum(totals.values()), countries=len(totals)
            )
        )
    # Another process may have written the same hour meanwhile: the constraint keeps one.
    created = CountSnapshot.objects.bulk_create(snapshots, ignore_conflicts=True)
    return len(created)


def run_periodic() -> None:
    """Every lifecycle job, now: the worker's periodic thread calls this every few minutes."""
    now = timezone.now()
    erased_ips = ips_erase(now=now)
    erased = personal_data_erase(now=now)
    snapshots = snapshot_counts(now=now)
    if erased_ips or erased.signatures or erased.deleted or snapshots:
        logger.info(
            "Appeals lifecycle: %d IPs erased, %d signatures erased, %d unconfirmed deleted, "
            "%d count snapshots.",
            erased_ips,
            erased.signatures,
            erased.deleted,
            snapshots,
        )

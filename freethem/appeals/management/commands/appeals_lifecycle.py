from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from freethem.appeals.services import ips_erase, personal_data_erase, snapshot_counts


class Command(BaseCommand):
    help = (
        "Run the appeals' data lifecycle once: erase old IP addresses, erase personal data of "
        "appeals closed long enough, and write this hour's count snapshots. The worker runs "
        "the same every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        ips = ips_erase(now=now)
        erased = personal_data_erase(now=now)
        snapshots = snapshot_counts(now=now)
        self.stdout.write(
            f"IP addresses erased: {ips}\n"
            f"Signatures whose personal data was erased: {erased.signatures}\n"
            f"Unconfirmed signatures deleted: {erased.deleted}\n"
            f"Count snapshots written: {snapshots}"
        )

import logging
import threading
from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils.module_loading import import_string

from freethem.core.models import WORKER_HEARTBEAT
from freethem.core.services import heartbeat_beat, tasks_recover

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background worker (mail and other tasks), reporting a heartbeat to /healthz "
        "and running again the tasks of workers that died."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--heartbeat", type=float, default=10.0, help="Seconds between beats.")
        parser.add_argument(
            "--periodic",
            type=float,
            default=300.0,
            help="Seconds between runs of the periodic jobs (settings.FREETHEM_PERIODIC_JOBS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        beat = threading.Thread(
            target=self._beat, args=(stop, options["heartbeat"]), name="heartbeat", daemon=True
        )
        beat.start()
        periodic = threading.Thread(
            target=self._periodic,
            args=(stop, options["periodic"]),
            name="periodic",
            daemon=True,
        )
        periodic.start()
        try:
            call_command("db_worker", verbosity=options["verbosity"])
        finally:
            stop.set()

    def _beat(self, stop: threading.Event, every: float) -> None:
        lease = timedelta(seconds=settings.FREETHEM_TASK_LEASE)
        while not stop.is_set():
            try:
                heartbeat_beat(name=WORKER_HEARTBEAT)
                if recovered := tasks_recover(lease=lease):
                    logger.warning("%d tasks of a worker that died are queued again.", recovered)
            except DatabaseError:
                logger.warning("Could not record the worker heartbeat; trying again.")
            finally:
                close_old_connections()
            stop.wait(every)

    def _periodic(self, stop: threading.Event, every: float) -> None:
        # Apps name their jobs in a setting, so core imports no other app.
        jobs = [(path, import_string(path)) for path in settings.FREETHEM_PERIODIC_JOBS]
        while not stop.is_set():
            for path, job in jobs:
                run_periodic_job(path, job)
            stop.wait(every)


def run_periodic_job(path: str, job: Any) -> bool:
    """Run one job; a failure is logged (by kind only: its message may hold personal data) and
    the job runs again next time. True when it ran without error."""
    try:
        job()
    except Exception as error:  # one failing job must not stop the others or the worker
        logger.error("Periodic job %s failed: %s; it runs again later.", path, type(error).__name__)
        return False
    finally:
        close_old_connections()
    return True

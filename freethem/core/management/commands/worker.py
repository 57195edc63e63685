import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from freethem.core.models import WORKER_HEARTBEAT
from freethem.core.services import heartbeat_beat

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the background worker (mail and other tasks), reporting a heartbeat to /healthz."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--heartbeat", type=float, default=10.0, help="Seconds between beats.")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        beat = threading.Thread(
            target=self._beat, args=(stop, options["heartbeat"]), name="heartbeat", daemon=True
        )
        beat.start()
        try:
            call_command("db_worker", verbosity=options["verbosity"])
        finally:
            stop.set()

    def _beat(self, stop: threading.Event, every: float) -> None:
        while not stop.is_set():
            try:
                heartbeat_beat(name=WORKER_HEARTBEAT)
            except DatabaseError:
                logger.warning("Could not record the worker heartbeat; trying again.")
            finally:
                close_old_connections()
            stop.wait(every)

"""The background worker: django-tasks' database worker, a heartbeat for /healthz, the
periodic jobs, and the tasks of workers that died queued again.

It outlives its database: when PostgreSQL restarts (or SQLite's disk fails for a while) the
worker says so in one line, waits with a growing pause, drops the connections that died, and
goes on with tasks, heartbeat and periodic jobs once the database answers again.
"""

import contextlib
import logging
import threading
import time
from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connection as db_connection
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from freethem.core.crypto import check_stored_data
from freethem.core.models import WORKER_HEARTBEAT
from freethem.core.registry import periodic_jobs
from freethem.core.secretkey import check_secret_key
from freethem.core.services import heartbeat_beat, tasks_recover

logger = logging.getLogger(__name__)

# What a database that went away raises (a restart, a lost network, a full disk).
UNREACHABLE = (OperationalError, InterfaceError)
# Pauses between attempts to reach a database that does not answer: 1, 2, 4 ... at most this.
MAX_PAUSE = 10.0


class Outage:
    """Whether the database answers, as the worker's threads last found it. It logs one line
    when an outage begins and one when it ends, however many attempts fail in between."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._since: float | None = None
        self._reason_said = False

    def filter(self, record: logging.LogRecord) -> bool:
        """A filter for the connection pool's log: in an outage it would say every few seconds
        that it cannot connect. The first such line (it says why) is kept; the rest go."""
        if self._since is None or record.levelno >= logging.ERROR:
            return True
        with self._lock:
            if self._reason_said or not str(record.msg).startswith("error connecting"):
                return False
            self._reason_said = True
        return True

    @property
    def ongoing(self) -> bool:
        return self._since is not None

    def begin(self, error: BaseException) -> None:
        with self._lock:
            if self._since is not None:
                return
            self._since = time.monotonic()
        # The kind only: a driver's message may quote a query's parameters.
        logger.error(
            "The database does not answer (%s); the worker waits for it and goes on after.",
            type(error).__name__,
        )

    def end(self) -> None:
        with self._lock:
            if self._since is None:
                return
            lasted, self._since, self._reason_said = time.monotonic() - self._since, None, False
        drop_dead_connections()
        logger.warning("The database answers again after %.0f s; the worker goes on.", lasted)


def drop_dead_connections() -> None:
    """Close this thread's connection and let the pool (PostgreSQL with FREETHEM_DB_POOL) test
    the ones it holds: those the server closed in a restart are thrown away, not handed out."""
    with contextlib.suppress(DatabaseError):
        db_connection.close()
    pool = getattr(db_connection, "pool", None)
    if pool is not None:
        pool.check()


def database_answers() -> bool:
    try:
        close_old_connections()
        with db_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except UNREACHABLE:
        with contextlib.suppress(DatabaseError):
            db_connection.close()
        return False
    return True


class ResilientWorker(Worker):
    """django-tasks' database worker, which stops for good on the first error from the
    database, run again (same id, same signal handling) once the database answers."""

    def __init__(self, *, outage: Outage, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outage = outage

    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return  # stopped by a signal
            except UNREACHABLE as error:
                self.outage.begin(error)
            self.wait_for_database()

    def wait_for_database(self) -> None:
        """Back off until the database answers. A SIGTERM meanwhile exits at once (the
        signal handler does), as it does while the worker waits for tasks."""
        pause = 1.0
        while self.running:
            time.sleep(pause)
            if database_answers():
                self.outage.end()
                return
            pause = min(pause * 2, MAX_PAUSE)


class Command(BaseCommand):
    help = (
        "Run the background worker (mail and other tasks), reporting a heartbeat to /healthz "
        "and running again the tasks of workers that died. It waits out database outages."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--heartbeat", type=float, default=10.0, help="Seconds between beats.")
        parser.add_argument(
            "--periodic",
            type=float,
            default=300.0,
            help="Seconds between runs of the periodic jobs the apps declare (core/registry.py).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Refuse to start, as the site does, when the keys do not fit the database: every
        # mail task would fail with "cannot decrypt", or mail links no other node accepts.
        check_stored_data()
        check_secret_key(record=True)
        outage = Outage()
        logging.getLogger("psycopg.pool").addFilter(outage)
        stop = threading.Event()
        for name, target, every in [
            ("heartbeat", self._beat, options["heartbeat"]),
            ("periodic", self._periodic, options["periodic"]),
        ]:
            thread = threading.Thread(target=target, args=(stop, every, outage), name=name)
            thread.daemon = True
            thread.start()
        try:
            self._run_tasks(outage, options["verbosity"])
        finally:
            stop.set()

    def _run_tasks(self, outage: Outage, verbosity: int) -> None:
        # django-tasks' own command, less its autoreloader and its exit on a database error.
        DBWorkerCommand(stdout=self.stdout, stderr=self.stderr).configure_logging(verbosity)
        worker = ResilientWorker(
            outage=outage,
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            excluded_queue_names=[],
            interval=1.0,  # seconds between looks for new tasks
            batch=False,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=True,
            max_tasks=None,
            worker_id=get_random_string(32),
        )
        worker.configure_signals()
        worker.run()

    def _beat(self, stop: threading.Event, every: float, outage: Outage) -> None:
        lease = timedelta(seconds=settings.FREETHEM_TASK_LEASE)
        while not stop.is_set():
            try:
                heartbeat_beat(name=WORKER_HEARTBEAT)
                outage.end()
                if recovered := tasks_recover(lease=lease):
                    logger.warning("%d tasks of a worker that died are queued again.", recovered)
            except UNREACHABLE as error:
                outage.begin(error)
            except DatabaseError as error:
                logger.error("Could not record the worker heartbeat: %s.", type(error).__name__)
            finally:
                close_old_connections()
            stop.wait(every)

    def _periodic(self, stop: threading.Event, every: float, outage: Outage) -> None:
        # Apps declare their jobs by dotted path in their apps.py, so core imports no app.
        jobs = periodic_jobs()
        while not stop.is_set():
            for path in jobs:
                if not outage.ongoing:  # their next run, after the outage, does their work
                    run_periodic_job(path, outage)
            stop.wait(every)


def run_periodic_job(path: str, outage: Outage | None = None) -> bool:
    """Import and run one job; a failure (one to import too) is logged, by kind only (its
    message may hold personal data), and the job runs again next time. True when it ran
    without error."""
    try:
        import_string(path)()
    except Exception as error:  # one failing job must not stop the others or the worker
        if outage is not None and isinstance(error, UNREACHABLE):
            outage.begin(error)  # one line for the whole outage, not one per job and run
        else:
            logger.error(
                "Periodic job %s failed: %s; it runs again later.", path, type(error).__name__
            )
        return False
    finally:
        close_old_connections()
    return True

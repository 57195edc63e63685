"""The worker outlives a PostgreSQL restart: every connection to the database is killed and
for a few seconds no new one is accepted, as in a restart, and the worker goes on sending mail,
beating its heartbeat and answering SIGTERM, with one line in its log for the outage and no
traceback."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from freethem.core.models import WORKER_HEARTBEAT, Heartbeat
from freethem.core.tasks import send_signin_paused_mail
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

ROOT = Path(__file__).resolve().parents[3]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.skipif(not DATABASE_URL, reason="DATABASE_URL is not set (PostgreSQL only)"),
    pytest.mark.django_db(transaction=True),  # the worker sees what the test commits
]


def wait_until(check: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def restart_for_others(down: float) -> int:
    """What a restart does to the database's clients (the test's own connection excepted): their
    connections are killed, and for `down` seconds no new one is accepted. (A database cannot
    refuse connections to itself from a session inside it: this is done from the server's
    maintenance database.)"""
    settings = connection.settings_dict
    name = connection.ops.quote_name(settings["NAME"])
    own = connection.cursor().connection.info.backend_pid
    with psycopg.connect(
        dbname="postgres",
        host=settings["HOST"],
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"],
        autocommit=True,
    ) as admin:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        try:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> %s",
                [settings["NAME"], own],
            ).fetchone()[0]
            time.sleep(down)
        finally:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    return killed


def beat_since(moment: object) -> bool:
    return Heartbeat.objects.filter(name=WORKER_HEARTBEAT, seen_at__gt=moment).exists()


def test_it_goes_on_after_the_database_restarts(tmp_path: Path, smtp_server: SMTPServer) -> None:
    smtp_server.start()
    test_database = urlsplit(DATABASE_URL)._replace(path="/" + connection.settings_dict["NAME"])
    env = {
        **os.environ,
        "DATABASE_URL": urlunsplit(test_database),
        "FREETHEM_DATA_DIR": str(tmp_path / "data"),
        "EMAIL_HOST": smtp_server.host,
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "0",
        # Longer down than the pool waits for a connection: the worker sees the outage.
        "FREETHEM_DB_POOL_TIMEOUT": "1",
    }
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--heartbeat", "1"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(lambda: beat_since(timezone.now() - timedelta(seconds=5)), 30, "a beat")
        time.sleep(1.5)  # the task loop has looked for tasks at least once
        killed_at = timezone.now()
        assert restart_for_others(down=4) >= 1
        user = User.objects.create(username="ada", email="ada@example.org")
        send_signin_paused_mail.enqueue(user_id=user.pk)

        wait_until(lambda: smtp_server.messages, 30, "the mail queued after the restart")
        wait_until(lambda: beat_since(killed_at), 15, "a heartbeat after the restart")
        assert smtp_server.recipients == [["ada@example.org"]]
        assert worker.poll() is None
    finally:
        worker.send_signal(signal.SIGTERM)
        returncode = worker.wait(timeout=30)
        if connection.pool is not None:
            connection.pool.check()  # this process's pooled connections died too: drop them
    output = log.read_text()
    assert returncode == 0, output
    assert "The database does not answer (OperationalError)" in output
    assert "The database answers again" in output
    assert "Traceback" not in output

"""`make run`'s site and worker, with the worker killed (kill -9) twice during a backlog of
2,000 confirmation mails: once while it hands a mail to the server, once before. The worker is
started again, the dead worker's tasks run again once their lease runs out, every mail
arrives exactly once, and the site answers throughout."""

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

from freethem.core.testing.smtp import SMTPServer, free_port
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

ROOT = Path(__file__).resolve().parents[3]
MAILS = 2000
pytestmark = pytest.mark.slow

# Run in the site's own environment: an appeal and MAILS signatures, each queuing its
# confirmation mail through the sign path's service, each from a network of its own.
POPULATE = f"""
from freethem.appeals import defences, services
from freethem.appeals.models import Appeal
appeal = Appeal.objects.create(slug="backlog", title_en="Backlog", title_fa="Backlog",
                               text_en="Free them.", text_fa="Free them.", state="open")
for n in range({MAILS}):
    services.signature_create(
        appeal=appeal, name=f"Signer {{n}}", email=f"signer{{n}}@example.org", country="NO",
        city="", affiliation="", display="full", wants_updates=False, language="en",
        ip=f"10.{{n // 256}}.{{n % 256}}.1", checks=defences.Checks.decided(defences.Verdict()),
    )
"""
TASKS_LEFT = """
from django_tasks_db.models import DBTaskResult
rows = list(DBTaskResult.objects.values_list("status", "worker_ids"))
print(sum(status != "SUCCESSFUL" for status, _ in rows), sum(len(ids) > 1 for _, ids in rows))
"""


@pytest.fixture
def database_url() -> Iterator[str]:
    """A database of the site's own: a new PostgreSQL database beside the test database, or
    (on SQLite) the file in the site's data directory."""
    url = os.environ.get("DATABASE_URL", "")
    if connection.vendor != "postgresql" or not url:
        yield ""
        return
    import psycopg

    name = f"freethem_killed_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def worker_pid(session: int) -> int | None:
    """The worker process of the `bin/serve` whose session is `session`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            ours = os.getsid(int(entry.name)) == session
            if ours and b"manage.py" in arguments and b"worker" in arguments:
                return int(entry.name)
        except (OSError, ProcessLookupError):
            continue
    return None


class Poller(threading.Thread):
    """Asks for a page every 50 ms and notes every answer that is not a 200."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.stop, self.answers, self.failures = url, threading.Event(), 0, []

    def run(self) -> None:
        while not self.stop.wait(0.05):
            try:
                with urllib.request.urlopen(self.url, timeout=10) as response:  # noqa: S310
                    answer = response.status
            except OSError as error:  # URLError and HTTPError among them
                answer = repr(error)
            self.answers += 1
            if answer != 200:
                self.failures.append(answer)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status == 200
    except OSError:
        return False


def wait_until(check: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def test_it_sends_every_mail_exactly_once_when_the_worker_is_killed(
    tmp_path: Path, smtp_server: SMTPServer, database_url: str
) -> None:
    smtp_server.start()
    port = free_port()
    env = {
        **os.environ,
        "FREETHEM_DATA_DIR": str(tmp_path / "data"),
        "PORT": str(port),
        "EMAIL_HOST": smtp_server.host,
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "0",
        "FREETHEM_TASK_LEASE": "2",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", POPULATE)

    serve = subprocess.Popen(
        [str(ROOT / "bin" / "serve")],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "serve.log").open("w"),
    )
    kills: list[int] = []

    def kill_worker_at(messages: int) -> None:
        if len(smtp_server.messages) == messages and len(kills) < 2:
            pid = worker_pid(serve.pid)
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            kills.append(pid)

    # Killed once just after the server took mail number 500 (before the worker heard so),
    # and once while it names the recipient of the mail after number 1,200.
    smtp_server.on_data = lambda: kill_worker_at(500)
    smtp_server.on_rcpt = lambda: kill_worker_at(1200)
    poller = Poller(f"http://127.0.0.1:{port}/appeals/backlog/")
    try:
        wait_until(lambda: worker_pid(serve.pid) is not None, 60, "the worker")
        wait_until(lambda: answers(poller.url), 60, "the site")
        poller.start()
        wait_until(lambda: len(smtp_server.messages) >= MAILS, 600, f"{MAILS} mails")
        wait_until(lambda: manage(env, "shell", "-c", TASKS_LEFT).split()[0] == "0", 60, "tasks")
        claimed_twice = manage(env, "shell", "-c", TASKS_LEFT).split()[1]
    finally:
        poller.stop.set()
        if poller.ident is not None:
            poller.join()
        os.killpg(serve.pid, signal.SIGINT)
        serve.wait(timeout=60)

    assert len(kills) == 2 and kills[0] != kills[1]  # killed, started again, killed again
    assert int(claimed_twice) >= 2  # each killed worker's task ran again in a new worker
    ids = [message["Message-ID"] for message in smtp_server.messages]
    assert len(ids) == len(set(ids)) == MAILS
    assert sorted(to for (to,) in smtp_server.recipients) == sorted(
        f"signer{n}@example.org" for n in range(MAILS)
    )
    assert poller.answers > 20 and poller.failures == []

"""A real worker process sending a mailing, killed (kill -9) halfway through: once just after
the mail server took a mail (before the worker recorded its delivery as sent), once while it
names the recipient of another. Started again, it goes on where it stopped: every reader on the
list receives the mailing exactly once."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from freethem.appeals.tests.test_worker_killed import database_url as database_url  # fixture
from freethem.appeals.tests.test_worker_killed import manage, wait_until
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

ROOT = Path(__file__).resolve().parents[3]
READERS = 60
pytestmark = pytest.mark.slow

# In the site's own environment: an appeal whose READERS signers asked for updates (made
# straight in the database: no mails of their own), and a mailing to them, tested and sent.
POPULATE = f"""
import secrets
from django.utils import timezone
from freethem.actions.models import Mailing
from freethem.actions.services.mailings import mailing_start
from freethem.appeals.models import Appeal, Signature
from freethem.appeals.services import email_hash
appeal = Appeal.objects.create(slug="killed", title_en="Killed", title_fa="Killed",
                               text_en="Free them.", text_fa="Free them.", state="open")
Signature.objects.bulk_create([
    Signature(appeal=appeal, name=f"Reader {{n}}", public_name=f"Reader {{n}}",
              email=f"reader{{n}}@example.org", email_hash=email_hash(f"reader{{n}}@example.org"),
              email_domain="example.org", country="NO", wants_updates=True, state="confirmed",
              confirmed_at=timezone.now(), link_key=secrets.token_hex(16))
    for n in range({READERS})
])
mailing = Mailing.objects.create(audience="appeal", appeal=appeal, subject_en="News",
                                 body_en="The appeal was delivered.", test_sent_at=timezone.now())
print(mailing_start(mailing=mailing))
"""
STATE = """
from freethem.actions.models import Mailing
from freethem.actions.services.mailings import mailing_log
mailing = Mailing.objects.get()
log = mailing_log(mailing)
print(mailing.state, log.queued, log.sent, log.failed, log.skipped)
"""


def test_it_mails_nobody_twice_when_the_worker_is_killed_halfway(
    tmp_path: Path, smtp_server: SMTPServer, database_url: str
) -> None:
    smtp_server.start()
    env = {
        **os.environ,
        "FREETHEM_DATA_DIR": str(tmp_path / "data"),
        "EMAIL_HOST": smtp_server.host,
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "0",
        "FREETHEM_TASK_LEASE": "2",
        # Batches of 20 a fifth of a second apart: quick, and still several runs of the task.
        "FREETHEM_MAILING_RATE": "6000",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    manage(env, "migrate", "--noinput", "-v0")
    assert manage(env, "shell", "-c", POPULATE) == str(READERS)

    workers: list[subprocess.Popen] = []
    kills: list[int] = []

    def start_worker() -> None:
        workers.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "worker"],
                cwd=ROOT,
                env=env,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=(tmp_path / f"worker{len(workers)}.log").open("w"),
            )
        )

    def kill_at(count: int, nth: int) -> None:
        if len(smtp_server.messages) == count and len(kills) == nth:
            worker = workers[-1]
            os.kill(worker.pid, signal.SIGKILL)
            kills.append(worker.pid)

    # The server took mail 25, the worker dies before it records the delivery as sent.
    smtp_server.on_data = lambda: kill_at(25, 0)
    # And the next worker dies while naming the recipient of the mail after number 45.
    smtp_server.on_rcpt = lambda: kill_at(45, 1)
    try:
        start_worker()
        wait_until(lambda: len(kills) == 1, 120, "the first kill")
        workers[0].wait(timeout=10)
        start_worker()
        wait_until(lambda: len(kills) == 2, 120, "the second kill")
        workers[1].wait(timeout=10)
        start_worker()
        wait_until(lambda: manage(env, "shell", "-c", STATE).startswith("sent"), 120, "the end")
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGINT)
                worker.wait(timeout=30)

    assert len(kills) == 2
    ids = [message["Message-ID"] for message in smtp_server.messages]
    assert len(ids) == len(set(ids)) == READERS
    assert sorted(to for (to,) in smtp_server.recipients) == sorted(
        f"reader{n}@example.org" for n in range(READERS)
    )
    assert manage(env, "shell", "-c", STATE) == f"sent 0 {READERS} 0 0"

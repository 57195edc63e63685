"""Mail goes through the background worker: a signature is stored before any mail is tried,
waits while the SMTP server is down, and goes out when it is back. Without EMAIL_HOST, mails
are .eml files in the outbox. No signer's address is stored in clear anywhere."""

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from freethem.appeals.models import Signature
from freethem.appeals.tasks import retry_delay
from freethem.appeals.tests.factories import (
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    sign,
)
from freethem.core.mail import OutboxBackend, message_id
from freethem.core.outbox import outbox_entry, outbox_names
from freethem.core.services import tasks_recover
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("passes_defences")]


def run_worker() -> None:
    """One run of the site's background worker: every task that is due, then it exits."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def waiting_mail_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"))


def test_it_keeps_signatures_while_smtp_is_down_and_mails_them_when_it_is_back(
    client: Client, smtp_server: SMTPServer
) -> None:
    appeal = make_appeal()
    with override_settings(**smtp_server.email_settings()):
        sign(client, appeal)  # nothing listens on the port yet
        assert Signature.objects.get().state == "pending"  # stored before any mail is tried

        run_worker()
        assert smtp_server.messages == []
        (retry,) = waiting_mail_tasks()
        assert retry.args_kwargs["kwargs"]["attempt"] == 2
        assert retry.run_after > timezone.now()  # backs off
        run_worker()  # not due yet: still waiting, not lost
        assert waiting_mail_tasks() == [retry]

        smtp_server.start()
        DBTaskResult.objects.update(run_after=timezone.now())  # the back-off has passed
        run_worker()
    assert smtp_server.recipients == [["ada@example.org"]]
    message = smtp_server.messages[0]
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    assert "/appeals/free-them/confirm/" in message.get_body(("plain",)).get_content()
    assert waiting_mail_tasks() == []
    assert Signature.objects.get().confirm_mail_sent_at is not None


def test_it_waits_longer_after_each_failure_up_to_an_hour() -> None:
    minutes = [retry_delay(attempt).total_seconds() / 60 for attempt in range(1, 9)]
    assert minutes == [2, 4, 8, 16, 32, 60, 60, 60]


def test_it_stores_no_address_in_the_task_queue(client: Client, smtp_server: SMTPServer) -> None:
    with override_settings(**smtp_server.email_settings()):
        sign(client, make_appeal(), email="secret.signer@example.org")
        run_worker()  # fails: the server is down; the retry waits in the queue
    rows = DBTaskResult.objects.values_list("args_kwargs", "traceback", "return_value")
    assert rows and "secret.signer" not in repr(list(rows))


def test_it_writes_mail_to_the_outbox_without_a_mail_server(tmp_path: Path) -> None:
    with override_settings(
        EMAIL_BACKEND="freethem.core.mail.OutboxBackend", EMAIL_FILE_PATH=tmp_path
    ):
        EmailMessage("Please confirm", "Confirm here.", to=["ada@example.org"]).send()
        EmailMessage("لطفاً تأیید کنید", "تأیید", to=["leila@example.org"]).send()
        names = outbox_names()
        assert len(names) == 2 and all(name.endswith(".eml") for name in names)
        assert {outbox_entry(name).subject for name in names} == {
            "Please confirm",
            "لطفاً تأیید کنید",
        }
    assert not list(tmp_path.glob(".*"))  # no half-written file left behind
    assert OutboxBackend(file_path=tmp_path).send_messages([]) == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file")
def test_it_keeps_no_signer_email_in_clear_in_the_database_file(
    client: Client, tmp_path: Path
) -> None:
    sign(client, make_appeal(), email="Findable.Person@example.org", name="Findable Person")
    run_worker()
    # The test database lives in memory: write it out as the site's file would be.
    path = tmp_path / "copy.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    content = path.read_bytes().lower()
    assert b"findable.person" not in content
    assert b"example.org" in content  # the domain is kept for the domain limit: the file is real


@pytest.mark.skipif(connection.vendor != "postgresql", reason="dumps the PostgreSQL tables")
def test_it_keeps_no_signer_email_in_clear_in_the_postgresql_tables(client: Client) -> None:
    sign(client, make_appeal(), email="Findable.Person@example.org", name="Findable Person")
    run_worker()
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - names from the database
            dump.extend(row[0] for row in cursor.fetchall())
    text = "\n".join(dump).lower()
    assert "findable.person" not in text
    assert "example.org" in text


def claimed_by_a_worker_that_died(minutes_ago: int) -> DBTaskResult:
    """The mail task as a worker killed mid-run leaves it: running, for ever."""
    task = DBTaskResult.objects.get(status="READY")
    task.claim("killed-worker")
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return task


def test_it_runs_again_the_mail_task_of_a_worker_that_died(
    client: Client, smtp_server: SMTPServer
) -> None:
    smtp_server.start()
    sign(client, make_appeal())
    task = claimed_by_a_worker_that_died(minutes_ago=6)
    with override_settings(**smtp_server.email_settings()):
        run_worker()
        assert smtp_server.messages == []  # nobody else runs a running task
        assert tasks_recover(lease=timedelta(minutes=10)) == 0  # its lease has not run out
        assert tasks_recover(lease=timedelta(minutes=5)) == 1
        run_worker()
    assert smtp_server.recipients == [["ada@example.org"]]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_it_does_not_mail_twice_when_the_worker_died_after_sending(
    client: Client, smtp_server: SMTPServer
) -> None:
    smtp_server.start()
    sign(client, make_appeal())
    task = DBTaskResult.objects.get(status="READY")
    with override_settings(**smtp_server.email_settings()):
        run_worker()
        # As if its worker was killed after the server took the mail, before the task was
        # marked done: running again, it finds the mail recorded and sends nothing.
        DBTaskResult.objects.filter(pk=task.pk).update(
            status="RUNNING", started_at=timezone.now() - timedelta(hours=1)
        )
        assert tasks_recover(lease=timedelta(minutes=5)) == 1
        run_worker()
    assert len(smtp_server.messages) == 1
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"


def test_it_tries_a_refused_mail_again_with_the_same_message_id(
    client: Client, smtp_server: SMTPServer
) -> None:
    smtp_server.start()
    smtp_server.refusals = 1
    sign(client, make_appeal())
    with override_settings(**smtp_server.email_settings()):
        run_worker()
        assert smtp_server.messages == []
        DBTaskResult.objects.update(run_after=timezone.now())  # the back-off has passed
        run_worker()
        run_worker()
    (message,) = smtp_server.messages
    (first, retry) = DBTaskResult.objects.order_by("enqueued_at")
    assert first.args_kwargs["kwargs"]["key"] == retry.args_kwargs["kwargs"]["key"]
    assert message["Message-ID"] == message_id(retry.args_kwargs["kwargs"]["key"])

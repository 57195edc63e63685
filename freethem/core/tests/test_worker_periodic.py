"""The worker's periodic thread: it runs the jobs apps declare in their apps.py, and one failing
job neither stops the others nor puts its message (which may hold personal data) in the log."""

import logging
import threading

import pytest
from django.apps import AppConfig
from django.conf import settings
from django.test import override_settings

from freethem.core.management.commands.worker import Command, Outage, run_periodic_job
from freethem.core.registry import periodic_jobs

ran: list[str] = []
stop = threading.Event()


def job_that_fails() -> None:
    ran.append("fails")
    raise ValueError("cannot decrypt ada@example.org")


def job_that_works() -> None:
    ran.append("works")
    stop.set()


class JobsConfig(AppConfig):
    """An app core has never heard of, with jobs of its own."""

    name = "freethem.core.tests"
    label = "jobs"
    periodic_jobs = (
        f"{__name__}.job_that_fails",
        f"{__name__}.no_such_job",
        f"{__name__}.job_that_works",
    )


@pytest.mark.django_db
def test_it_runs_every_periodic_job_even_after_one_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ran.clear()
    stop.clear()
    apps = [*settings.INSTALLED_APPS, f"{__name__}.JobsConfig"]
    with override_settings(INSTALLED_APPS=apps), caplog.at_level(logging.ERROR):
        Command()._periodic(stop, every=60, outage=Outage())
    assert ran == ["fails", "works"]
    assert "job_that_fails failed: ValueError" in caplog.text
    assert "no_such_job failed: ImportError" in caplog.text
    assert "ada@example.org" not in caplog.text


@pytest.mark.django_db
def test_it_says_whether_a_job_ran() -> None:
    assert run_periodic_job("freethem.core.services.run_periodic") is True
    assert run_periodic_job(f"{__name__}.job_that_fails") is False


def test_it_runs_the_jobs_of_core_and_of_the_appeals_lifecycle() -> None:
    assert periodic_jobs()[:2] == [
        "freethem.core.services.run_periodic",
        "freethem.appeals.services.lifecycle.run_periodic",
    ]


@pytest.mark.django_db
def test_it_forgets_old_records_of_sent_mails_failed_sign_ins_and_finished_tasks() -> None:
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from freethem.core.models import AccountLock, SentMail
    from freethem.core.services import run_periodic

    long_ago = timezone.now() - timedelta(days=31)
    for status, finished_at in [
        ("SUCCESSFUL", long_ago),
        ("FAILED", long_ago),
        ("SUCCESSFUL", timezone.now()),
        ("READY", None),
    ]:
        DBTaskResult.objects.create(
            status=status,
            finished_at=finished_at,
            run_after=long_ago,
            backend_name="default",
            task_path="freethem.core.tasks.send_signin_paused_mail",
            args_kwargs={"args": [], "kwargs": {}},
        )
    SentMail.objects.create(message_id="<old@localhost>", at=long_ago)
    SentMail.objects.create(message_id="<new@localhost>")
    AccountLock.objects.create(key="old", failures=3)
    AccountLock.objects.create(key="new", failures=3)
    AccountLock.objects.filter(key="old").update(updated_at=long_ago)
    run_periodic()
    assert list(SentMail.objects.values_list("message_id", flat=True)) == ["<new@localhost>"]
    assert list(AccountLock.objects.values_list("key", flat=True)) == ["new"]
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["READY", "SUCCESSFUL"]

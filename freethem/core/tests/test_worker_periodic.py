"""The worker's periodic thread: it runs the jobs apps name in settings, and one failing job
neither stops the others nor puts its message (which may hold personal data) in the log."""

import logging
import threading

import pytest
from django.test import override_settings

from freethem.core.management.commands.worker import Command, run_periodic_job

ran: list[str] = []
stop = threading.Event()


def job_that_fails() -> None:
    ran.append("fails")
    raise ValueError("cannot decrypt ada@example.org")


def job_that_works() -> None:
    ran.append("works")
    stop.set()


@pytest.mark.django_db
def test_it_runs_every_periodic_job_even_after_one_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ran.clear()
    stop.clear()
    jobs = [f"{__name__}.job_that_fails", f"{__name__}.job_that_works"]
    with override_settings(FREETHEM_PERIODIC_JOBS=jobs), caplog.at_level(logging.ERROR):
        Command()._periodic(stop, every=60)
    assert ran == ["fails", "works"]
    assert "job_that_fails failed: ValueError" in caplog.text
    assert "ada@example.org" not in caplog.text


@pytest.mark.django_db
def test_it_says_whether_a_job_ran() -> None:
    assert run_periodic_job("ok", lambda: None) is True
    assert run_periodic_job("fails", job_that_fails) is False


def test_it_runs_the_appeals_lifecycle_from_the_worker() -> None:
    from django.conf import settings

    assert "freethem.appeals.lifecycle.run_periodic" in settings.FREETHEM_PERIODIC_JOBS

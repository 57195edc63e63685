"""One SECRET_KEY for the whole site: a node or a restore with another key refuses to start,
instead of answering and failing every link already mailed (freethem/core/secretkey.py)."""

import subprocess
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from freethem.core.models import KeyFingerprint
from freethem.core.secretkey import SIGNING_KEY_CHANGED, check_secret_key
from freethem.core.tests.test_crypto import free_port, gunicorn, status_of
from freethem.core.tests.test_settings import run

FIRST = "first-" + "a1B2c3D4e5" * 6
OTHER = "other-" + "f6G7h8J9k0" * 6


def start(data_dir: Path, **env: str) -> tuple[bool, str]:
    """Start gunicorn on the data directory: (True, "") once it serves the home page, or
    (False, its log) when it exits."""
    port = free_port()
    server = gunicorn(data_dir, port, **env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if server.poll() is not None:
                return False, server.stderr.read()
            try:
                return status_of(f"http://127.0.0.1:{port}/") == 200, ""
            except OSError:  # not listening yet, or a worker that failed to boot hung up
                time.sleep(0.2)
        raise AssertionError("gunicorn neither served nor stopped within 30 s")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    migrate = run(["manage.py", "migrate", "-v0"], data_dir)
    assert migrate.returncode == 0, migrate.stderr
    return data_dir


def test_it_will_not_serve_with_another_secret_key_than_the_first(data_dir: Path) -> None:
    assert start(data_dir, SECRET_KEY=FIRST) == (True, "")
    served, log = start(data_dir, SECRET_KEY=OTHER)
    assert not served
    assert SIGNING_KEY_CHANGED in log
    # The first key still works: nothing was changed by the refusal.
    assert start(data_dir, SECRET_KEY=FIRST) == (True, "")


def test_it_takes_a_new_key_when_the_old_one_is_a_fallback(data_dir: Path) -> None:
    assert start(data_dir, SECRET_KEY=FIRST) == (True, "")
    assert start(data_dir, SECRET_KEY=OTHER, SECRET_KEY_FALLBACKS=FIRST) == (True, "")
    # The database now knows the new key: it serves without the fallback, not with the old one.
    assert start(data_dir, SECRET_KEY=OTHER) == (True, "")
    served, log = start(data_dir, SECRET_KEY=FIRST)
    assert not served and SIGNING_KEY_CHANGED in log


def test_the_worker_and_the_database_check_refuse_another_key(data_dir: Path) -> None:
    assert start(data_dir, SECRET_KEY=FIRST) == (True, "")
    check = run(["manage.py", "check", "--database", "default"], data_dir, SECRET_KEY=OTHER)
    assert check.returncode == 1
    assert f"(freethem.E002) {SIGNING_KEY_CHANGED}" in check.stderr
    worker = run(["manage.py", "worker"], data_dir, SECRET_KEY=OTHER)
    assert worker.returncode != 0
    assert SIGNING_KEY_CHANGED in worker.stderr


@pytest.mark.django_db
def test_the_first_process_records_its_key_and_a_check_records_nothing() -> None:
    with override_settings(SECRET_KEY=FIRST):
        check_secret_key(record=False)
        assert not KeyFingerprint.objects.exists()
        check_secret_key(record=True)
    with override_settings(SECRET_KEY=OTHER), pytest.raises(ImproperlyConfigured):
        check_secret_key(record=False)

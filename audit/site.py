"""A throwaway freethem for the audit: a temporary data directory with the demo data, served
by bin/serve (gunicorn and the worker, as `make run` does) on a free loopback port, stopped
and removed afterwards. Its log is kept, so the audit can say what the requests wrote there."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60
# Settings of the machine's own site must not reach the throwaway one: no database server,
# no SMTP host (mails go to the temporary outbox), no production mode.
DROPPED = ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "EMAIL_HOST")


@dataclass
class ThrowawaySite:
    url: str
    log: str = ""  # what gunicorn and the worker wrote, read once they have stopped


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(folder: Path, port: int) -> dict[str, str]:
    kept = {
        name: value
        for name, value in os.environ.items()
        if name not in DROPPED
        and (not name.startswith("FREETHEM_") or name == "FREETHEM_STATIC_ROOT")
    }
    return {**kept, "FREETHEM_DATA_DIR": str(folder / "data"), "PORT": str(port)}


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the site stopped while starting (exit code {process.returncode})")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url + "/healthz", timeout=2),  # noqa: S310 - loopback
        ):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the site did not answer within {START_SECONDS} s")


def _stop(process: subprocess.Popen) -> None:
    """bin/serve stops gunicorn and the worker on SIGTERM; anything left is killed."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def throwaway_site() -> Iterator[ThrowawaySite]:
    folder = Path(tempfile.mkdtemp(prefix="freethem-audit-"))
    port = free_port()
    env = _environment(folder, port)
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "loaddemo")
        log = folder / "site.log"
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - our own bin/serve
                [str(ROOT / "bin" / "serve")],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        site = ThrowawaySite(url=f"http://127.0.0.1:{port}")
        try:
            _wait_until_up(site.url, process)
            yield site
        finally:
            _stop(process)
            site.log = log.read_text(errors="replace")
    finally:
        shutil.rmtree(folder, ignore_errors=True)

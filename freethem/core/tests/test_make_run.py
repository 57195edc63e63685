"""`make run`, the README's first command, from a new data directory to Ctrl-C."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO, TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[3]
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.status, response.read().decode()


def status_of(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.status


def wait_for(check: Callable[[], T], seconds: float) -> T:
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {seconds} s")
        time.sleep(0.3)


MakeRun = tuple[str, subprocess.Popen, TextIO]


def otp_as_the_banner_says(printed: str) -> str:
    command = re.search(r"run:  (FREETHEM_DATA_DIR=\S+ make otp)\n", printed).group(1)
    # A fresh terminal: none of this run's FREETHEM_* settings, nor the MAKEFLAGS of a `make
    # test` around the suite (which would make the inner make print its directory).
    terminal = {k: v for k, v in os.environ.items() if not k.startswith(("FREETHEM_", "MAKE"))}
    result = subprocess.run(  # noqa: S602 - the command the banner prints, as a user types it
        command, shell=True, cwd=ROOT, env=terminal, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    codes = re.findall(r"^\d{6}$", result.stdout, flags=re.MULTILINE)
    assert len(codes) == 1, result.stdout
    return codes[0]


def sign_in(base: str, username: str, password: str, code: str) -> str:
    """Sign in through the staff login form; the address the browser lands on."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = opener.open(f"{base}/staff/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    body = urllib.parse.urlencode({**fields, "code": code}).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{base}/staff/login/", data=body, headers={"Referer": f"{base}/staff/login/"}
    )
    with opener.open(request, timeout=10) as response:
        return response.url


@pytest.fixture
def make_run(tmp_path: Path) -> Iterator[MakeRun]:
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "FREETHEM_DATA_DIR": str(tmp_path / "data"),
        # Collected afresh, by a process whose files are private (settings.py's umask).
        "FREETHEM_STATIC_ROOT": str(tmp_path / "static"),
    }
    log = (tmp_path / "run.log").open("w+")
    # A session of its own, so Ctrl-C can be sent to the whole group as a terminal would.
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield f"http://127.0.0.1:{port}", process, log
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_it_serves_both_languages_and_the_worker_then_stops_on_ctrl_c(make_run: MakeRun) -> None:
    base, process, log = make_run
    status, english = wait_for(lambda: fetch(base + "/"), 120)
    assert status == 200 and '<html lang="en" dir="ltr">' in english
    persian = fetch(base + "/fa/")[1]
    assert '<html lang="fa" dir="rtl">' in persian
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', persian).group(1)
    status, css = fetch(base + stylesheet)
    font = re.search(r'url\("\.\./(vendor/vazirmatn/[^"]+\.woff2)"\)', css).group(1)
    assert status == 200 and status_of(f"{base}/static/{font}") == 200
    # 503 until the worker's first heartbeat, then 200.
    health = wait_for(lambda: json.loads(fetch(base + "/healthz")[1]), 30)
    assert health == {"status": "ok", "database": "ok", "worker": "ok", "redis": "off"}

    log.seek(0)
    printed = log.read()
    assert f"freethem is running at {base}/" in printed
    assert "username: demo   password: freethem-demo" in printed
    # The code's command names this site's data directory: plain `make otp` would look in ./var.
    data_dir = (Path(log.name).parent / "data").resolve()
    assert f"run:  FREETHEM_DATA_DIR={data_dir} make otp" in printed
    # Done as told, in another terminal (without this one's FREETHEM_DATA_DIR), it gives the
    # code that signs the demo user in.
    code = otp_as_the_banner_says(printed)
    assert sign_in(base, "demo", "freethem-demo", code) == f"{base}/staff/"

    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=30)  # raises TimeoutExpired if Ctrl-C does not stop it
    # bin/serve took Ctrl-C as the order to stop both, not as a server that died (which it
    # reports, and restarts when it is the worker). A request in flight may log gunicorn's
    # quick shutdown: that is no failure.
    stopping = Path(log.name).read_text()[len(printed) :]
    assert "stopped (exit" not in stopping
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no gunicorn or worker left behind
    with pytest.raises(OSError):
        fetch(base + "/")

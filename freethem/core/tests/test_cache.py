"""FREETHEM_CACHE_URL: one cache in Redis for every process and node, which misses instead of
failing while Redis is down."""

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from freethem.core.cache import RETRY_AFTER
from freethem.core.tests.test_settings import ROOT, environment, run

SET = (
    "import django; django.setup();"
    "from django.core.cache import cache; from django.conf import settings;"
    "print(settings.CACHES['default']['BACKEND']);"
    "cache.set('appeals:count-json:free-them', {{'IR': 7}}, {seconds})"
)
GET = (
    "import django, time; django.setup();"
    "from django.core.cache import cache;"
    "started = time.monotonic();"
    "print(cache.get('appeals:count-json:free-them'));"
    "cache.set('other', 1); cache.delete_many(['other']);"
    "print(round(time.monotonic() - started))"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def redis_server() -> Iterator[tuple[str, subprocess.Popen]]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server not found: apt-get install redis-server to test the cache")
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        server = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no", "--dir", directory],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 10
            while not listening(port):
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/1", server
        finally:
            server.terminate()
            server.wait(10)


def test_it_shares_the_cache_between_processes(
    redis_server: tuple[str, subprocess.Popen], tmp_path: Path
) -> None:
    url, _server = redis_server
    stored = run(SET.format(seconds=60), tmp_path, FREETHEM_CACHE_URL=url)
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout.strip() == "freethem.core.cache.RedisCache"

    read = run(GET, tmp_path, FREETHEM_CACHE_URL=url)  # another process, as on another node
    assert read.returncode == 0, read.stderr
    assert read.stdout.split()[0] == "{'IR':"

    alone = run(GET, tmp_path)  # without FREETHEM_CACHE_URL: each process its own cache
    assert alone.stdout.split()[0] == "None"


def test_it_misses_instead_of_failing_while_redis_is_down(
    redis_server: tuple[str, subprocess.Popen], tmp_path: Path
) -> None:
    url, server = redis_server
    assert run(SET.format(seconds=60), tmp_path, FREETHEM_CACHE_URL=url).returncode == 0
    server.terminate()
    server.wait(10)

    read = run(GET, tmp_path, FREETHEM_CACHE_URL=url)
    assert read.returncode == 0, read.stderr
    assert read.stdout.split() == ["None", "0"]  # a miss, at once
    assert read.stderr.count("The cache's Redis is unreachable") == 1  # once, no traceback
    assert "Traceback" not in read.stderr


def test_it_uses_redis_again_once_it_is_back(
    redis_server: tuple[str, subprocess.Popen], tmp_path: Path
) -> None:
    url, server = redis_server
    port = url.rsplit(":", 1)[1].split("/")[0]
    server.terminate()
    server.wait(10)
    code = """
import django, sys, time
django.setup()
from django.core.cache import cache
print(cache.get("k"), flush=True)
sys.stdin.readline()  # Redis is back
started = time.monotonic()
while cache.get("k") is None and time.monotonic() - started < 15:
    cache.set("k", "back")
    time.sleep(0.2)
print(cache.get("k"), round(time.monotonic() - started))
"""
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment(tmp_path, FREETHEM_CACHE_URL=url),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "None"
        with tempfile.TemporaryDirectory() as directory:
            again = subprocess.Popen(
                [shutil.which("redis-server"), "--port", port, "--bind", "127.0.0.1", "--save",
                 "", "--appendonly", "no", "--dir", directory],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                out, err = process.communicate("go\n", timeout=30)
            finally:
                again.terminate()
                again.wait(10)
    finally:
        process.kill()
    value, seconds = out.split()
    assert value == "back"
    assert int(seconds) <= RETRY_AFTER + 1  # tried again a few seconds after the failure
    assert "The cache's Redis is reachable again" in err

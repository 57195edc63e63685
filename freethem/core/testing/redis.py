"""A real Redis server for tests (redis-server on 127.0.0.1, nothing kept on disk), which a
test can stop to see the site go on without it.

    from freethem.core.testing.redis import redis_server  # noqa: F401 - a fixture

    def test_it_counts(redis_server, settings):  # a started server
        settings.FREETHEM_REDIS_URL = redis_server.url
        ...
        redis_server.stop()

Skips the test when redis-server is not installed.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A Redis server on a port chosen up front; start() it, stop() it, start() it again (it
    comes back empty, as a Redis without persistence does after a restart)."""

    def __init__(self, binary: str, directory: str) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                         "--appendonly", "no", "--dir", directory]  # fmt: skip
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(self._command, stdout=subprocess.DEVNULL)  # noqa: S603
        self._wait_until_it_answers()

    def _wait_until_it_answers(self) -> None:
        import redis

        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(10)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server not found: apt-get install redis-server to test with Redis")
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(binary, directory)
        server.start()
        try:
            yield server
        finally:
            server.stop()

"""What the log shows an operator when clients send requests the site refuses."""

import io
import logging
from collections.abc import Iterator

import pytest
from pytest_django.live_server_helper import LiveServer

from freethem.core.testing.http import send

CSRF_COOKIE = "csrftoken=a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
TOO_MANY_FIELDS = "&".join(f"f{number}=1" for number in range(1001)).encode()

# name: (method, target, headers, body), each answered with a 400
BAD_REQUESTS = {
    "host": ("GET", "/", {"Host": "evil.example"}, b""),
    "multipart": (
        "POST",
        "/staff/login/",
        {"Cookie": CSRF_COOKIE, "Content-Type": "multipart/form-data"},
        b"x",
    ),
    "fields": (
        "POST",
        "/staff/login/",
        {"Cookie": CSRF_COOKIE, "Content-Type": "application/x-www-form-urlencoded"},
        TOO_MANY_FIELDS,
    ),
}


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """What the site's log handler (settings.LOGGING's console) writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        yield written
    finally:
        handler.setStream(previous)


@pytest.mark.parametrize("name", BAD_REQUESTS)
def test_it_logs_a_clients_bad_request_on_one_line(
    live_server: LiveServer, log: io.StringIO, name: str
) -> None:
    method, target, headers, body = BAD_REQUESTS[name]
    assert send(live_server.url, method, target, headers=headers, body=body).status == 400
    lines = log.getvalue().splitlines()
    assert len(lines) == 1, log.getvalue()
    assert len(lines[0]) < 200

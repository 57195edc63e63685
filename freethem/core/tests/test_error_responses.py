"""Every response of a running server carries the security headers of a page, whatever its
status and whichever layer answered: errors raised by a middleware, WhiteNoise's static files."""

import logging

import pytest

from freethem.core.models import WORKER_HEARTBEAT
from freethem.core.services import heartbeat_beat
from freethem.core.testing.http import header_differences, send

CSRF_COOKIE = "csrftoken=a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

# name: (method, target, headers, body, status)
ERRORS = {
    "charset": ("GET", "/?q=x", {"Content-Type": "text/plain; charset=rot13"}, b"", 400),
    "host": ("GET", "/", {"Host": "campaign.example.org.evil.example"}, b"", 400),
    "multipart": (
        "POST",
        "/staff/login/",
        {"Cookie": CSRF_COOKIE, "Content-Type": "multipart/form-data"},  # no boundary
        b"username=ada",
        400,
    ),
    "csrf": ("POST", "/staff/login/", FORM, b"username=ada", 403),
    "not-found": ("GET", "/no/such/page/", {}, b"", 404),
    "not-found-fa": ("GET", "/fa/no/such/page/", {}, b"", 404),
    "method": ("OPTIONS", "/prisoners/", {}, b"", 405),
    "server-error": ("GET", "/fails/", {}, b"", 500),
}


@pytest.mark.urls("freethem.core.tests.urls_with_a_failing_view")
@pytest.mark.parametrize("name", ERRORS)
def test_it_sends_the_page_headers_with_every_error(
    site_url: str, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    method, target, headers, body, status = ERRORS[name]
    caplog.set_level(logging.CRITICAL)  # the 500's traceback is expected here
    reply = send(site_url, method, target, headers=headers, body=body)
    assert reply.status == status
    assert header_differences(reply, send(site_url, "GET", "/")) == []


@pytest.mark.parametrize(
    "path",
    [
        "/static/core/site.css",
        "/static/vendor/vazirmatn/Vazirmatn-NL-Regular.woff2",
        "/prisoners/export.csv",
        "/fa/prisoners/export.json",
        "/healthz",
    ],
)
def test_it_sends_the_page_headers_with_static_files_and_downloads(
    site_url: str, path: str
) -> None:
    heartbeat_beat(name=WORKER_HEARTBEAT)  # else /healthz answers 503 (no worker)
    reply = send(site_url, "GET", path)
    assert reply.status == 200
    assert header_differences(reply, send(site_url, "GET", "/")) == []

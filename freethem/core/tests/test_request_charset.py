"""A request naming a charset other than UTF-8 gets a 400 with the site's headers and one
short line in the log, from a real server: Django reads the charset while it builds the
request, before any middleware runs, so only raw requests to a running server show it."""

import logging
import re

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient
from pytest_django.live_server_helper import LiveServer

from freethem.core.testing.http import Reply, header_differences, send

# Codecs Python knows that are no text encodings (and one that refuses everything), text
# encodings other than UTF-8, and a name no codec has.
NO_TEXT = ["rot13", "base64", "hex", "zlib", "uu", "bz2", "quopri", "undefined"]
OTHER_TEXT = ["utf-16", "utf-32", "cp500", "latin-1", "no-such-charset"]
CSRF_COOKIE = "csrftoken=a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"
FORM = "application/x-www-form-urlencoded"


def page(live_server: LiveServer) -> Reply:
    return send(live_server.url, "GET", "/")


def query_in(live_server: LiveServer, charset: str, path: str = "/") -> Reply:
    headers = {"Content-Type": f"text/plain; charset={charset}"}
    return send(live_server.url, "GET", f"{path}?q=Sotoodeh", headers=headers)


def form_post_in(live_server: LiveServer, charset: str, path: str) -> Reply:
    headers = {"Content-Type": f"{FORM}; charset={charset}", "Cookie": CSRF_COOKIE}
    body = b"username=ada&password=\xe9t\xe9\xff\xfe&csrfmiddlewaretoken=x"
    return send(live_server.url, "POST", path, headers=headers, body=body)


@pytest.mark.parametrize("charset", NO_TEXT + OTHER_TEXT)
def test_it_answers_400_to_a_query_in_a_charset_it_does_not_read(
    live_server: LiveServer, charset: str
) -> None:
    reply = query_in(live_server, charset)
    assert reply.status == 400
    assert header_differences(reply, page(live_server)) == []


@pytest.mark.parametrize(
    ("charset", "path"),
    [(charset, "/staff/login/") for charset in OTHER_TEXT + NO_TEXT[:2]]
    + [("utf-16", "/"), ("cp500", "/fa/prisoners/"), ("latin-1", "/no/such/page/")],
)
def test_it_answers_400_to_a_form_post_in_another_charset(
    live_server: LiveServer, charset: str, path: str
) -> None:
    reply = form_post_in(live_server, charset, path)
    assert reply.status == 400
    assert header_differences(reply, page(live_server)) == []


def test_it_explains_the_400_in_the_language_of_the_address(live_server: LiveServer) -> None:
    english, persian = query_in(live_server, "rot13"), query_in(live_server, "rot13", "/fa/")
    assert b"could not read what your browser sent" in english.body
    assert '<html lang="fa" dir="rtl">' in persian.body.decode()
    assert "مرورگر شما" in persian.body.decode()


def test_it_logs_one_short_line_and_no_traceback_per_bad_request(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    capfd.readouterr()
    for charset in ("rot13", "utf-16"):
        assert query_in(live_server, charset).status == 400
        assert form_post_in(live_server, charset, "/staff/login/").status == 400
    lines = [record for record in caplog.records if record.levelno >= logging.INFO]
    assert [record.getMessage() for record in lines] == [
        "Bad Request (charset rot13 is not read): /",
        "Bad Request (charset rot13 is not read): /staff/login/",
        "Bad Request (charset utf-16 is not read): /",
        "Bad Request (charset utf-16 is not read): /staff/login/",
    ]
    assert all(record.exc_info is None for record in lines)
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("charset", ["utf8", "us-ascii"])
def test_it_reads_a_form_post_that_names_utf8_or_ascii(
    live_server: LiveServer, charset: str
) -> None:
    form = send(live_server.url, "GET", "/staff/login/")
    cookie, token = form.cookie("csrftoken"), csrf_token(form)
    headers = {"Content-Type": f"{FORM}; charset={charset}", "Cookie": f"csrftoken={cookie}"}
    body = f"username=ada&password=wrong&csrfmiddlewaretoken={token}".encode()
    reply = send(live_server.url, "POST", "/staff/login/", headers=headers, body=body)
    assert reply.status == 200
    assert b'value="ada"' in reply.body  # the form was read, and shown again with its error


def test_it_answers_400_to_a_charset_it_does_not_read_over_asgi() -> None:
    # An ASGI request decodes its query string as UTF-8 whatever the header says: only the
    # middleware stands between the charset and the form.
    client = AsyncClient(headers={"Content-Type": "text/plain; charset=rot13"})
    reply = async_to_sync(client.get)("/", {"q": "Sotoodeh"})
    assert reply.status_code == 400
    assert reply["X-Content-Type-Options"] == "nosniff"


def csrf_token(reply: Reply) -> str:
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', reply.body)
    assert found, "no CSRF token on the page"
    return found.group(1).decode()

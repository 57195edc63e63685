"""The error pages: in the site's layout, in the language of the address, with a way back
(the home page, the sections, a search of the case database) and no technical detail."""

import logging
import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from freethem.core import views

pytestmark = pytest.mark.django_db

failing_urls = pytest.mark.urls("freethem.core.tests.urls_with_a_failing_view")


def h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


def assert_ways_back(html: str, prefix: str = "") -> None:
    """The page's way back: home, the header's sections and the search of the case database."""
    ways = html.split('<nav class="ways-back"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{prefix}/">' in ways
    assert f'<a href="{prefix}/prisoners/">' in ways and f'<a href="{prefix}/appeal/">' in ways
    assert f'action="{prefix}/prisoners/"' in ways and 'name="q"' in ways


def test_it_answers_a_missing_page_in_the_layout_with_a_way_back(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<header class="site-header">' in html and '<footer class="site-footer">' in html
    assert h1(html) == "Page not found"
    assert "<title>Page not found · freethem</title>" in html
    assert_ways_back(html)
    assert '<meta name="robots" content="noindex">' in html
    assert "og:title" not in html  # an error is no page to share
    assert "no/such/page" not in html.split('<main id="main"', 1)[1]  # nothing technical


def test_it_answers_a_missing_persian_page_in_persian_right_to_left(client: Client) -> None:
    response = client.get("/fa/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert h1(html) == "صفحه پیدا نشد"
    assert_ways_back(html, prefix="/fa")
    # The switcher offers the same missing address in English: its 404 in English.
    assert '<a href="/no/such/page/" hreflang="en" lang="en">English</a>' in html


def test_it_says_a_form_expired_when_the_csrf_check_fails(client: Client) -> None:
    browser = Client(enforce_csrf_checks=True)
    for prefix, title, language in [
        ("", "Your form could not be sent", "en"),
        ("/fa", "فرم شما فرستاده نشد", "fa"),
    ]:
        response = browser.post(f"{prefix}/staff/login/", {"username": "ada"})
        assert response.status_code == 403
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert h1(html) == title
        assert "CSRF" not in html and "Referer" not in html  # nothing technical
        assert_ways_back(html, prefix)


@failing_urls
def test_it_refuses_a_page_in_the_layout(client: Client) -> None:
    response = client.get("/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert h1(html) == "This page is not public"
    assert "a view that refuses" not in html
    assert_ways_back(html)


@failing_urls
@pytest.mark.parametrize(
    ("path", "language", "title"),
    [("/fails/", "en", "Something went wrong"), ("/fa/fails/", "fa", "خطایی رخ داد")],
)
def test_it_answers_a_failure_with_the_500_page_without_the_database(
    path: str,
    language: str,
    title: str,
    django_assert_num_queries: DjangoAssertNumQueries,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.CRITICAL)  # the traceback is expected
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert '<header class="site-header">' in html
    assert h1(html) == title
    assert "RuntimeError" not in html and "a view that fails" not in html
    assert_ways_back(html, "/fa" if language == "fa" else "")


@failing_urls
def test_it_sends_a_plain_500_page_when_even_the_500_page_fails(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("the template engine is broken too")

    monkeypatch.setattr(views.loader, "render_to_string", broken)
    caplog.set_level(logging.CRITICAL)
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Something went wrong</h1>" in html and "خطایی رخ داد" in html
    assert '<a href="/">' in html and '<a href="/fa/">' in html

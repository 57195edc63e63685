"""The banner that says a site holds demo data: on every page while it does, in the page's
language, and never on a site without it or in production."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client, override_settings

from freethem.core import demodata

pytestmark = pytest.mark.django_db
BANNER = 'class="message demo-banner" role="note"'
PAGES = ["/", "/privacy/", "/fa/", "/fa/privacy/"]


def test_it_shows_no_banner_on_a_site_without_demo_data(client: Client) -> None:
    for path in PAGES:
        assert BANNER not in client.get(path).text, path


def test_it_shows_the_banner_on_every_page_once_the_demo_is_loaded(client: Client) -> None:
    client.get("/")  # remembered as "no demo data" for a while: loaddemo must clear that
    call_command("loaddemo", stdout=io.StringIO())
    for path in PAGES:
        html = client.get(path).text
        assert html.count(BANNER) == 1, path
        # Inside <main>, so the skip link lands on it and screen readers hear it first.
        assert html.index('<main id="main"') < html.index(BANNER) < html.index("</main>")
    assert "Demonstration data." in client.get("/").text


@override_settings(PRODUCTION=True)
def test_it_never_shows_the_banner_in_production(client: Client) -> None:
    with override_settings(PRODUCTION=False):
        call_command("loaddemo", stdout=io.StringIO())
    assert BANNER not in client.get("/").text


def test_a_database_failure_hides_the_banner_rather_than_breaking_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> bool:
        raise DatabaseError("database is locked")

    monkeypatch.setattr(demodata, "demo_modules", lambda: [SimpleNamespace(loaded=broken)])
    assert demodata.demo_loaded() is False


def test_it_finds_the_demo_modules_of_the_apps() -> None:
    modules = demodata.demo_modules()
    assert modules and all(module.__name__.endswith(".demo") for module in modules)
    assert all(callable(module.load) for module in modules)

"""What each app declares in its apps.py reaches the whole site: its links in the header, its
sections of other apps' pages, its roles' permissions. A new app needs no change in core."""

import re

import pytest
from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.utils.functional import lazy
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from freethem.core.registry import (
    NavLink,
    Panel,
    SearchBox,
    navigation,
    panel_stylesheets,
    periodic_jobs,
    sitemaps,
)
from freethem.core.roles import ALL_PERMISSIONS, EVENTS, MODERATOR, RESEARCHER, role_grants
from freethem.core.sitemaps import SiteSitemap

pytestmark = pytest.mark.django_db

# Text that makemessages does not collect: this app is no part of the site.
text = lazy(str, str)


class ExampleConfig(AppConfig):
    """An app added later, which core has never heard of."""

    name = "freethem.core.tests"
    label = "example"
    roles = {EVENTS: ALL_PERMISSIONS}
    navigation = (NavLink("core:privacy", text("Example link"), sections=("example",)),)
    panels = (
        Panel(
            "home", "freethem.core.tests.test_registry.example_panel", order=1, stylesheet="x.css"
        ),
    )
    searches = (SearchBox("core:privacy", text("Search the examples"), text("Go"), field="term"),)
    not_for_robots = ("examples/*/secret/",)


with_example_app = override_settings(
    INSTALLED_APPS=[*settings.INSTALLED_APPS, "freethem.core.tests.test_registry.ExampleConfig"]
)


def header_links(html: str) -> list[str]:
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r"<a [^>]*>([^<]*)</a>", nav)


def test_it_links_the_apps_pages_between_home_and_privacy() -> None:
    html = Client().get("/").content.decode()
    links = ["Home", "Prisoners", "Appeal", "Protests", "Events", "Take action", "Privacy"]
    assert header_links(html) == links
    with with_example_app:
        html = Client().get("/").content.decode()
    assert header_links(html) == [*links[:-1], "Example link", "Privacy"]


def test_it_marks_an_apps_link_current_on_every_page_of_its_section() -> None:
    html = Client().get("/prisoners/").content.decode()
    assert '<a href="/prisoners/" aria-current="page">Prisoners</a>' in html
    persian = Client().get("/fa/").content.decode()
    assert '<a href="/fa/prisoners/">زندانیان</a>' in persian


def example_panel(request: object, obj: object) -> str:
    return mark_safe('<section class="example-panel">An app’s section.</section>')


def test_it_shows_the_sections_apps_add_to_the_home_page_with_their_stylesheets() -> None:
    with with_example_app:
        assert panel_stylesheets("home")[0] == "x.css"
        html = Client().get("/").content.decode()
    # After the hero, before the other apps' sections (order 1); its stylesheet in the head.
    panel = html.index('<section class="example-panel">')
    assert html.index('id="hero-title"') < panel < html.index('id="steps-title"')
    assert '<link rel="stylesheet" href="/static/x.css">' in html.split("</head>")[0]


def test_it_gives_each_role_what_the_apps_grant_it() -> None:
    grants = role_grants(RESEARCHER)
    assert grants["prisoners"] == grants["protests"] == ALL_PERMISSIONS
    # Researchers write urgent actions and updates, and see no donor, volunteer or mailing.
    assert "change_urgentaction" in grants["actions"]
    assert "add_update" in grants["actions"]
    assert not [
        name for name in grants["actions"] if name.endswith(("gift", "volunteer", "mailing"))
    ]
    assert set(role_grants(MODERATOR)) == {"appeals"}
    assert role_grants(EVENTS) == {"events": ALL_PERMISSIONS}
    with with_example_app:
        assert role_grants(EVENTS) == {"events": ALL_PERMISSIONS, "example": ALL_PERMISSIONS}


def test_it_gives_a_role_only_the_permissions_an_app_names() -> None:
    codenames = set(
        Group.objects.get(name=MODERATOR).permissions.values_list("codename", flat=True)
    )
    assert codenames == set(role_grants(MODERATOR)["appeals"])


def test_it_refuses_a_declaration_of_the_wrong_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExampleConfig, "navigation", ("core:privacy",))
    with with_example_app, pytest.raises(ImproperlyConfigured, match="are not NavLink"):
        navigation()


def test_it_finds_every_periodic_job_the_installed_apps_declare() -> None:
    """A job moved without its declaration would fail every five minutes, silently to users."""
    jobs = periodic_jobs()
    assert "freethem.core.services.run_periodic" in jobs
    assert len(jobs) >= 2  # core's and at least one app's
    for path in jobs:
        assert callable(import_string(path)), path


def test_it_offers_the_searches_the_apps_declare_on_error_pages() -> None:
    with with_example_app:
        html = Client().get("/fa/no/such/page/").content.decode()
    assert '<form class="search-box" method="get" action="/fa/privacy/" role="search">' in html
    assert "Search the examples" in html and 'name="term"' in html


def test_it_keeps_robots_from_the_paths_the_apps_name_in_every_language() -> None:
    with with_example_app:
        lines = Client().get("/robots.txt").content.decode().splitlines()
    assert {"Disallow: /examples/*/secret/", "Disallow: /fa/examples/*/secret/"} <= set(lines)


def test_it_finds_every_sitemap_the_installed_apps_declare() -> None:
    """A sitemap moved without its declaration would break /sitemap.xml."""
    for path in sitemaps():
        assert issubclass(import_string(path), SiteSitemap), path

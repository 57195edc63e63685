"""What each app adds to the whole site, declared in its own `apps.py`, so that adding an app
touches no file in core. Core reads these attributes of every installed AppConfig, in the order
of INSTALLED_APPS, when it needs them (never at import time):

- `roles`: {role: ALL_PERMISSIONS or (codename, ...)}: what each staff role (freethem.core.roles)
  may do in this app. Organisers may do everything everywhere without being named.
- `navigation`: [NavLink(...)]: the app's links in the site's header, between Home and Privacy.
- `searches`: [SearchBox(...)]: search forms the error pages offer as a way back.
- `sitemaps`: ["dotted.path.to.SitemapClass", ...]: the app's public pages in /sitemap.xml
  (subclasses of freethem.core.sitemaps.SiteSitemap); each is imported when the sitemap is made.
- `not_for_robots`: ["path/", ...]: paths (without the language prefix, no leading slash; `*`
  matches any text) that /robots.txt asks crawlers to leave alone in every language.
- `periodic_jobs`: ["dotted.path.to.function", ...]: functions without arguments the worker
  calls every few minutes; each is imported when it runs.
- `staff_dashboard`: ["dotted.path.to.function", ...]: functions that take the request and
  return the app's panels on the staff home for that user (freethem.core.staff_dashboard).
- `panels`: [Panel(...)]: sections an app adds to another app's page (the home page, a
  prisoner's page) without that app naming it; see Panel.
"""

from dataclasses import dataclass
from typing import TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string

T = TypeVar("T")


@dataclass(frozen=True)
class NavLink:
    """A link to the page `url_name` in the site's header, marked as the page being shown on
    that page and on every page in one of the URL namespaces `sections`."""

    url_name: str
    label: Promise
    sections: tuple[str, ...] = ()

    def is_current(self, request: HttpRequest | None) -> bool:
        match = request.resolver_match if request else None
        if match is None:
            return False
        return match.view_name == self.url_name or match.app_name in self.sections


@dataclass(frozen=True)
class SearchBox:
    """A one-field search form for the page `url_name`, whose query parameter is `field`."""

    url_name: str
    label: Promise
    button: Promise
    field: str = "q"

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Panel:
    """A section an app adds to a page it does not own. `place` names the page: "home" (the
    front page; obj is None) or "prisoner" (obj is the Prisoner shown). `render` is a dotted
    path to a function (request, obj) -> str that returns the section's HTML (rendered from
    the app's own template), or "" to add nothing. Panels are shown in `order`, then in the
    order of INSTALLED_APPS. `stylesheet`: a static file the page links in its head when the
    panel is declared for it (panel_stylesheets)."""

    place: str
    render: str
    order: int = 50
    stylesheet: str = ""


def panels(place: str, request: HttpRequest, obj: object = None) -> list[str]:
    """The HTML of the panels the installed apps add to `place`, in their order."""
    found = sorted(
        (panel for panel in declared("panels", Panel) if panel.place == place),
        key=lambda panel: panel.order,
    )
    rendered = (import_string(panel.render)(request, obj) for panel in found)
    return [html for html in rendered if html]


def panel_stylesheets(place: str) -> list[str]:
    """The static stylesheets the panels of `place` need, each once, in the panels' order."""
    found = sorted(
        (panel for panel in declared("panels", Panel) if panel.place == place),
        key=lambda panel: panel.order,
    )
    return list(dict.fromkeys(panel.stylesheet for panel in found if panel.stylesheet))


def declared(attribute: str, kind: type[T]) -> list[T]:
    """Every item that the installed apps declare under `attribute`, app after app."""
    items = [item for config in apps.get_app_configs() for item in getattr(config, attribute, ())]
    if wrong := [item for item in items if not isinstance(item, kind)]:
        raise ImproperlyConfigured(
            f"An app declares {attribute} that are not {kind.__name__}: {wrong!r}."
        )
    return items


def navigation() -> list[NavLink]:
    return declared("navigation", NavLink)


def periodic_jobs() -> list[str]:
    return declared("periodic_jobs", str)


def searches() -> list[SearchBox]:
    return declared("searches", SearchBox)


def sitemaps() -> list[str]:
    return declared("sitemaps", str)


def not_for_robots() -> list[str]:
    return declared("not_for_robots", str)

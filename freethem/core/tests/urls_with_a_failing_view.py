"""The site's URLs plus /fails/ (also /fa/fails/), a view that raises, and /forbidden/, one
that refuses: for tests of the 500 and 403 responses. The site's own 500 handler too."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from freethem.urls import handler500  # noqa: F401 - the site's 500 page, for these URLs too
from freethem.urls import urlpatterns as site


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a view that fails, for the test of the 500 response")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("a view that refuses, for the test of the 403 response")


urlpatterns = [
    path("fails/", fails),
    *i18n_patterns(path("fails/", fails), prefix_default_language=False),
    path("forbidden/", forbidden),
    *site,
]

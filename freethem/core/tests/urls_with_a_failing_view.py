"""The site's URLs plus /fails/, a view that raises: for tests of the 500 response."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from freethem.urls import urlpatterns as site


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a view that fails, for the test of the 500 response")


urlpatterns = [path("fails/", fails), *site]

"""Contact your representatives, /act/representatives/."""

from django.urls import path  # noqa: F401

app_name = "representatives"
urlpatterns: list = []

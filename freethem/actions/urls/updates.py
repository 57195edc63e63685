"""Updates and their Atom feed, /updates/."""

from django.urls import path  # noqa: F401

app_name = "updates"
urlpatterns: list = []

"""Volunteering, /volunteer/."""

from django.urls import path  # noqa: F401

app_name = "volunteer"
urlpatterns: list = []

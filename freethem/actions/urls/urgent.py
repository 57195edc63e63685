"""Urgent actions and their letter writer, /urgent-actions/."""

from django.urls import path  # noqa: F401

app_name = "urgent"
urlpatterns: list = []

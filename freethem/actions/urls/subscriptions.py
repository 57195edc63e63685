"""A supporter's subscriptions: manage them, one-click unsubscribe, /subscriptions/."""

from django.urls import path  # noqa: F401

app_name = "subscriptions"
urlpatterns: list = []

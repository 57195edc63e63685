"""The payment processor's webhook, /hooks/ (outside the language prefixes)."""

from django.urls import path  # noqa: F401

app_name = "hooks"
urlpatterns: list = []

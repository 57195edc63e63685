"""Included by freethem.appeals.urls under /appeals/ (so its names are appeals:*)."""

from django.urls import path

from freethem.appeals import defence_views

urlpatterns = [
    path("challenge.json", defence_views.challenge, name="pow_challenge"),
]

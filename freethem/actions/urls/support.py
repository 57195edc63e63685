"""Fundraising drives, /support/."""

from django.urls import path

from freethem.actions.views import support as views

app_name = "support"
urlpatterns = [
    path("", views.index, name="index"),
    path("thank-you/", views.thanks, name="thanks"),
    path("<slug:slug>/", views.drive, name="drive"),
    path("<slug:slug>/give/", views.give, name="give"),
    path("<slug:slug>/progress.json", views.progress_json, name="progress_json"),
    path("<slug:slug>/report/", views.report, name="report"),
]

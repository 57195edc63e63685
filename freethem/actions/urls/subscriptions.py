"""A supporter's subscriptions: manage them, one-click unsubscribe, /subscriptions/."""

from django.urls import path

from freethem.actions.views import subscriptions as views

app_name = "subscriptions"
urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
]

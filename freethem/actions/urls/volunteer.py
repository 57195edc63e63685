"""Volunteering, /volunteer/."""

from django.urls import path

from freethem.actions.views import volunteer as views

app_name = "volunteer"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("thanks/", views.thanks, name="thanks"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]

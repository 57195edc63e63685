"""The payment processor's webhook, /hooks/ (outside the language prefixes)."""

from django.urls import path

from freethem.actions.views import hooks as views

app_name = "hooks"
urlpatterns = [
    path("payments/", views.payments_hook, name="payments"),
]

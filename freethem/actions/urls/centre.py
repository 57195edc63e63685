"""The action centre, /act/."""

from django.urls import path

from freethem.actions.views import centre

app_name = "actions"
urlpatterns = [
    path("", centre.index, name="centre"),
    path("<slug:slug>/done", centre.done, name="done"),
]

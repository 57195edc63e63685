"""Contact your representatives, /act/representatives/."""

from django.urls import path

from freethem.actions.views import representatives as views

app_name = "representatives"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/contacted/", views.contacted, name="contacted"),
]

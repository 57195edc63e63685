from django.urls import path

from freethem.core import staff_views

urlpatterns = [
    path("login/", staff_views.staff_login, name="staff_login"),
    path("enrol/", staff_views.staff_enrol, name="staff_enrol"),
]

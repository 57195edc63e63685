from django.contrib import admin
from django.urls import path

from freethem.core import staff_views

urlpatterns = [
    path("login/", staff_views.staff_login, name="staff_login"),
    path("enrol/", staff_views.staff_enrol, name="staff_enrol"),
    path("enrol/<str:token>/", staff_views.staff_enrol_invitation, name="staff_enrol_invitation"),
    path("outbox/", admin.site.admin_view(staff_views.outbox_list), name="staff_outbox"),
    path(
        "outbox/<str:name>/",
        admin.site.admin_view(staff_views.outbox_message),
        name="staff_outbox_message",
    ),
]

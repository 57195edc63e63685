from django.urls import path

from freethem.events import views

app_name = "events"
urlpatterns: list = [
    # RSVPs (the person's links first: "rsvp" is no event's address).
    path("rsvp/<str:key>/", views.rsvp_manage, name="rsvp_manage"),
    path("rsvp/<str:key>/cancel/", views.rsvp_cancel, name="rsvp_cancel"),
    path("<slug:slug>/rsvp/", views.rsvp, name="rsvp"),
    path("<slug:slug>/rsvp/sent/", views.rsvp_sent, name="rsvp_sent"),
]

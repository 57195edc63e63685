from django.urls import path

from freethem.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    # RSVPs (the person's links first: "rsvp" is no event's address).
    path("rsvp/<str:key>/", views.rsvp_manage, name="rsvp_manage"),
    path("rsvp/<str:key>/cancel/", views.rsvp_cancel, name="rsvp_cancel"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/photos/<int:pk>", views.photo, name="photo"),
    path("<slug:slug>/rsvp/", views.rsvp, name="rsvp"),
    path("<slug:slug>/rsvp/sent/", views.rsvp_sent, name="rsvp_sent"),
]

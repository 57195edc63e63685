"""Updates and their Atom feed, /updates/."""

from django.urls import path

from freethem.actions.feeds import UpdatesFeed
from freethem.actions.views import updates

app_name = "updates"
urlpatterns = [
    path("", updates.update_list, name="list"),
    path("feed.atom", UpdatesFeed(), name="feed"),
    path("<slug:slug>/", updates.update_detail, name="detail"),
]

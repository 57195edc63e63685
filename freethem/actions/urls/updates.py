"""Updates and their Atom feed, /updates/; following a prisoner (double opt-in)."""

from django.urls import path

from freethem.actions.feeds import UpdatesFeed
from freethem.actions.views import follows, updates

app_name = "updates"
urlpatterns = [
    path("", updates.update_list, name="list"),
    path("feed.atom", UpdatesFeed(), name="feed"),
    path("follow/<slug:slug>/", follows.follow, name="follow"),
    path("follow/<slug:slug>/sent/", follows.follow_sent, name="follow_sent"),
    path("following/<str:key>/", follows.follow_confirm, name="follow_confirm"),
    path("following/<str:key>/stop/", follows.follow_stop, name="follow_stop"),
    path("<slug:slug>/", updates.update_detail, name="detail"),
]

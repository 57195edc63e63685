"""The site's URLs, and stand-ins for the `subscriptions:unsubscribe` and `subscriptions:manage`
pages, which the mailings' part of the app provides: the follow tests check that update mails
carry those links and headers without depending on that part. First, so their names win."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from freethem.urls import urlpatterns as site


def _stand_in(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(token)


subscriptions = (
    [
        path("<str:token>/unsubscribe/", _stand_in, name="unsubscribe"),
        path("<str:token>/", _stand_in, name="manage"),
    ],
    "subscriptions",
)
urlpatterns = [
    *i18n_patterns(
        path("test-subscriptions/", include(subscriptions)), prefix_default_language=False
    ),
    *site,
]
handler500 = "freethem.core.views.server_error"

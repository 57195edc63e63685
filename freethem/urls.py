"""URLs: every page in both languages (Persian under /fa/), the health check outside them."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from freethem.actions.feeds import PrisonerFeed
from freethem.appeals import views as appeal_views
from freethem.core import views as core_views
from freethem.events import views as event_views

# Pages under this prefix are the staff area, not public pages.
STAFF_PREFIX = "staff/"
# Under this prefix are webhooks that other services POST to (a payment processor's), not pages.
HOOKS_PREFIX = "hooks/"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("freethem.core.root_urls")),
    path(HOOKS_PREFIX, include("freethem.actions.urls.hooks")),
]
urlpatterns += i18n_patterns(
    path("", include("freethem.core.urls")),
    path("prisoners/<slug:slug>/feed.atom", PrisonerFeed(), name="prisoner_feed"),
    path("prisoners/", include("freethem.prisoners.urls")),
    path("appeal/", appeal_views.featured, name="appeal"),
    path("appeals/", include("freethem.appeals.urls")),
    path("protests/", include("freethem.protests.urls")),
    path("events/", include("freethem.events.urls")),
    path("events.ics", event_views.feed, name="events_feed"),
    path("act/representatives/", include("freethem.actions.urls.representatives")),
    path("act/", include("freethem.actions.urls.centre")),
    path("urgent-actions/", include("freethem.actions.urls.urgent")),
    path("support/", include("freethem.actions.urls.support")),
    path("volunteer/", include("freethem.actions.urls.volunteer")),
    path("updates/", include("freethem.actions.urls.updates")),
    path("subscriptions/", include("freethem.actions.urls.subscriptions")),
    path(STAFF_PREFIX, include("freethem.core.staff_urls")),
    path(STAFF_PREFIX, admin.site.urls),
    prefix_default_language=False,
)
# The 500 page, in the site's layout without the database (400, 403 and 404 are Django's
# views with our templates; a failed CSRF check is settings.CSRF_FAILURE_VIEW).
handler500 = "freethem.core.views.server_error"

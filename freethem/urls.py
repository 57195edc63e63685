"""URLs: public pages under both languages (Persian under /fa/), staff and health outside."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from freethem.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("staff/", include("freethem.core.staff_urls")),
    path("staff/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("freethem.core.urls")),
    prefix_default_language=False,
)

from django.urls import path, re_path

from freethem.protests import views
from freethem.protests.views import pages, stats

app_name = "protests"
urlpatterns = [
    path("", pages.protest_list, name="list"),
    path("stats/", stats.stats, name="stats"),
    path("map/", stats.protest_map, name="map"),
    path("export.csv", views.export_csv, name="export"),
    path("report/", views.report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
    # Record ids are letters then digits (ACLED's "IRN1234", ours "FTIRN12"), so that the
    # app's other pages ("report/", ...) never read as one.
    re_path(r"^(?P<event_id>[A-Za-z]{2,10}[0-9]{1,12})/$", pages.protest_detail, name="detail"),
]

from django.urls import path

from freethem.prisoners import views

app_name = "prisoners"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("stats/", views.stats, name="stats"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("<slug:slug>/", views.person_detail, name="detail"),
    path("<slug:slug>/photo", views.photo, name="photo"),
]

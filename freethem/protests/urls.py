from django.urls import path

from freethem.protests import views

app_name = "protests"
urlpatterns: list = [
    path("export.csv", views.export_csv, name="export"),
    path("report/", views.report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
]

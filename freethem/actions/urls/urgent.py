"""Urgent actions and their letter writer, /urgent-actions/."""

from django.urls import path

from freethem.actions.views import urgent as views

app_name = "urgent"
urlpatterns = [
    path("", views.urgent_list, name="list"),
    path("archive/", views.urgent_archive, name="archive"),
    path("<slug:slug>/", views.urgent_detail, name="detail"),
    path("<slug:slug>/take/", views.urgent_take, name="take"),
    path("<slug:slug>/letter/", views.urgent_letter, name="letter"),
    path("<slug:slug>/letter/pdf/", views.urgent_letter_pdf, name="letter_pdf"),
    path("<slug:slug>/card/", views.urgent_card, name="card"),
]

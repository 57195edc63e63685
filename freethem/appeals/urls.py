from django.urls import path

from freethem.appeals import views

app_name = "appeals"
urlpatterns = [
    path("", views.index, name="index"),
    # The defences' endpoints (the proof-of-work challenge) come first: fixed paths that a
    # slug pattern would otherwise take.
    path("challenge.json", views.challenge, name="pow_challenge"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/sign/", views.sign, name="sign"),
    path("<slug:slug>/sent/", views.sent, name="sent"),
    path("<slug:slug>/confirm/<str:token>/", views.confirm, name="confirm"),
    path("<slug:slug>/you/<str:token>/", views.personal, name="personal"),
    path("<slug:slug>/you/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/you/<str:token>/data.json", views.my_data, name="my_data"),
    path("<slug:slug>/count.json", views.count_json, name="count_json"),
    path("<slug:slug>/history.csv", views.history_csv, name="history_csv"),
    path("<slug:slug>/ad/", views.ad, name="ad"),
    path("<slug:slug>/badge.svg", views.badge, name="badge"),
    path("<slug:slug>/counter/", views.counter, name="counter"),
    path("<slug:slug>/signatures/", views.signatures, name="signatures"),
    path("<slug:slug>/numbers/", views.numbers, name="numbers"),
]

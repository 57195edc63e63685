"""Organisers keep the representatives and their messages in the staff area; the demo data
of representatives and volunteers loads once, fictional and marked."""

import pytest
from django.test import Client

from freethem.actions.demo import representatives as demo_representatives
from freethem.actions.demo import volunteers as demo_volunteers
from freethem.actions.models import Representative, RepresentativeMessage, Volunteer
from freethem.actions.services.representatives import letters_for
from freethem.actions.tests.factories import make_representative
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

LIST = "/staff/actions/representative/"


def signed_in(client: Client, *, role: str) -> None:
    user = staff_user(username=f"{role}1", role=role)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302, response


def test_it_lets_organisers_order_representatives_by_country(client: Client) -> None:
    first = make_representative(country="GB", name="Alex Morgan")
    second = make_representative(country="GB", name="Priya Shah", position=1)
    make_representative(country="DE", name="Jana Becker")
    signed_in(client, role="organiser")
    page = client.get(LIST, {"country": "GB"}).content.decode()
    assert "Alex Morgan" in page and "Priya Shah" in page and "Jana Becker" not in page
    assert client.get(LIST, {"q": "Priya"}).context["cl"].result_count == 1
    data = {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2",
        "form-0-id": str(second.pk), "form-0-position": "0",
        "form-1-id": str(first.pk), "form-1-position": "5",
        "_save": "Save",
    }  # fmt: skip
    response = client.post(f"{LIST}?country=GB&o=5", data)
    assert response.status_code == 302
    assert [rep.name for rep in Representative.objects.filter(country="GB")] == [
        "Priya Shah",
        "Alex Morgan",
    ]
    message_form = client.get("/staff/actions/representativemessage/add/").content.decode()
    assert "{supporter}" in message_form


def test_it_keeps_researchers_out(client: Client) -> None:
    make_representative()
    signed_in(client, role="researcher")
    assert client.get(LIST).status_code == 403


def test_it_loads_the_demo_once() -> None:
    assert demo_representatives.load() and demo_volunteers.load()
    assert demo_representatives.load() == "" and demo_volunteers.load() == ""
    assert demo_representatives.loaded() and demo_volunteers.loaded()
    people = Representative.objects.all()
    assert {rep.country.code for rep in people} == {"GB", "DE", "CA", "US"}
    assert all("(demo)" in rep.name and rep.email.endswith("@example.org") for rep in people)
    assert set(RepresentativeMessage.objects.values_list("country", "language")) == {
        ("", "en"),
        ("", "fa"),
        ("DE", "en"),
    }
    (letter,) = letters_for(country="DE", language="en", supporter="Sara")
    assert letter.body.startswith("Sehr geehrte Frau Becker,") and "Bundestag" in letter.body
    assert Volunteer.objects.filter(is_demo=True).count() == 3

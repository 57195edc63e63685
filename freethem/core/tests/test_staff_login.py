import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client

from freethem.core.forms import LOGIN_FAILED
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db


def sign_in(
    client: Client, username: str, code: str = "", password: str = PASSWORD
) -> HttpResponse:
    return client.post(
        "/staff/login/",
        {"username": username, "password": password, "code": code, "next": "/staff/"},
    )


def test_it_refuses_a_password_only_session(client: Client) -> None:
    user = staff_user()
    client.force_login(user)  # password checked, no second factor
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_it_opens_the_staff_area_after_password_and_code(client: Client) -> None:
    user = staff_user()
    response = sign_in(client, user.username, current_code(user))
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_it_refuses_a_wrong_code_with_the_same_message_as_a_wrong_password(client: Client) -> None:
    user = staff_user()
    wrong_code = sign_in(client, user.username, "000000")
    wrong_password = sign_in(client, user.username, current_code(user), password="not it")
    for response in (wrong_code, wrong_password):
        assert response.status_code == 200
        assert str(LOGIN_FAILED) in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_it_refuses_a_missing_code_for_a_user_with_an_authenticator(client: Client) -> None:
    user = staff_user()
    response = sign_in(client, user.username, "")
    assert str(LOGIN_FAILED) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_user_who_is_not_staff(client: Client) -> None:
    User.objects.create_user("visitor", password=PASSWORD)
    response = sign_in(client, "visitor")
    assert str(LOGIN_FAILED) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_out_after_repeated_failures(client: Client) -> None:
    user = staff_user()
    for _ in range(5):
        sign_in(client, user.username, password="guess")
    response = sign_in(client, user.username, current_code(user))
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_it_counts_wrong_codes_towards_the_lockout(client: Client) -> None:
    user = staff_user()
    for _ in range(5):
        sign_in(client, user.username, "000000")
    response = sign_in(client, user.username, current_code(user))
    assert response.status_code == 429


def test_it_has_no_admin_at_the_usual_address(client: Client) -> None:
    assert client.get("/admin/").status_code == 404


def test_it_returns_to_the_page_asked_for_but_never_to_another_site(client: Client) -> None:
    user = staff_user()
    asked = client.post(
        "/staff/login/",
        {
            "username": user.username,
            "password": PASSWORD,
            "code": current_code(user),
            "next": "/staff/auth/user/?o=1",
        },
    )
    assert asked["Location"] == "/staff/auth/user/?o=1"
    client.logout()
    other = staff_user(username="researcher2")
    elsewhere = client.post(
        "/staff/login/",
        {
            "username": other.username,
            "password": PASSWORD,
            "code": current_code(other),
            "next": "https://phishing.example/staff/",
        },
    )
    assert elsewhere["Location"] == "/staff/"


def test_it_keeps_the_page_asked_for_through_enrolment(client: Client) -> None:
    user = staff_user(with_device=False)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "next": "/staff/auth/?a=1&b=2"},
    )
    assert response["Location"] == "/staff/enrol/?next=%2Fstaff%2Fauth%2F%3Fa%3D1%26b%3D2"

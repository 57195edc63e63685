"""Signing staff in for the protests' staff pages (no tests here)."""

from django.contrib.auth.models import User
from django.test import Client

from freethem.core.tests.factories import PASSWORD, current_code, staff_user


def signed_in_staff(
    client: Client, *, username: str = "researcher1", role: str = "researcher"
) -> User:
    """A new staff user in the role, signed in on client with password and code."""
    user = staff_user(username=username, role=role)
    response = client.post(
        "/staff/login/",
        {"username": username, "password": PASSWORD, "code": current_code(user), "next": "/staff/"},
    )
    assert response.status_code == 302, response
    return user

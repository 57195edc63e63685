import io
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def createstaff(*args: str, password: str = "a long staff passphrase") -> str:
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(password + "\n")):
        call_command("createstaff", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_it_creates_a_staff_user_in_the_role_and_prints_the_enrolment_uri() -> None:
    output = createstaff("maryam", "--role", "moderator", "--email", "m@example.org")
    user = User.objects.get(username="maryam")
    assert user.is_staff and not user.is_superuser
    assert [group.name for group in user.groups.all()] == ["moderator"]
    assert user.check_password("a long staff passphrase")
    assert "otpauth://totp/freethem%3Amaryam?secret=" in output


def test_it_rejects_a_weak_password_with_the_reason() -> None:
    with pytest.raises(CommandError, match="too short"):
        createstaff("sara", "--role", "researcher", password="short")
    assert not User.objects.filter(username="sara").exists()


def test_it_rejects_an_unknown_role() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'admin'"):
        createstaff("sara", "--role", "admin")

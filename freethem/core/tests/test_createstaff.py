import io
import re
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.models import EnrolmentInvitation
from freethem.core.tests.factories import code_for

pytestmark = pytest.mark.django_db

PASSWORD = "a long staff passphrase"


def createstaff(*args: str, password: str = PASSWORD) -> str:
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(password + "\n")):
        call_command("createstaff", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_it_creates_a_staff_user_without_authenticator_and_prints_an_invitation_link(
    client: Client,
) -> None:
    output = createstaff("maryam", "--role", "moderator", "--email", "m@example.org")
    user = User.objects.get(username="maryam")
    assert user.is_staff and not user.is_superuser
    assert [group.name for group in user.groups.all()] == ["moderator"]
    assert user.check_password(PASSWORD)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert "otpauth://" not in output

    (link,) = re.findall(r"\S+/staff/enrol/\S+/", output)
    assert link.startswith(f"{settings.FREETHEM_SITE_URL}/staff/enrol/")
    invitation = EnrolmentInvitation.objects.get(user=user)
    assert invitation.expires_at.isoformat(sep=" ", timespec="minutes") in output
    assert link.rsplit("/", 2)[1] not in invitation.token_hash  # only a hash is kept

    # The link lets them in: password, then their new authenticator.
    path = link.removeprefix(settings.FREETHEM_SITE_URL)
    client.post("/staff/login/", {"username": "maryam", "password": PASSWORD, "next": path})
    client.get(path)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/staff/enrol/", {"code": code_for(device), "next": "/staff/"})
    assert done["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_it_rejects_a_weak_password_with_the_reason() -> None:
    with pytest.raises(CommandError, match="too short"):
        createstaff("sara", "--role", "researcher", password="short")
    assert not User.objects.filter(username="sara").exists()


def test_it_rejects_an_unknown_role() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'admin'"):
        createstaff("sara", "--role", "admin")

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.models import AuditEntry
from freethem.core.tests.factories import PASSWORD, code_for, staff_user

pytestmark = pytest.mark.django_db


def staffinvite(*args: str) -> str:
    out = io.StringIO()
    call_command("staffinvite", *args, stdout=out)
    return out.getvalue()


def enrol(client: Client, user: User, output: str) -> None:
    (link,) = re.findall(r"\S+/staff/enrol/\S+/", output)
    path = link.removeprefix(settings.FREETHEM_SITE_URL)
    client.post("/staff/login/", {"username": user.username, "password": PASSWORD, "next": path})
    client.get(path)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/staff/enrol/", {"code": code_for(device)})


def test_it_invites_a_superuser_whom_no_organiser_may_invite(client: Client) -> None:
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    enrol(client, root, staffinvite("root"))
    assert client.get("/staff/otp_totp/totpdevice/").status_code == 200


def test_it_replaces_a_lost_authenticator_when_asked_to(client: Client) -> None:
    organiser = staff_user(username="organiser1", role="organiser")
    with pytest.raises(CommandError, match="already set up"):
        staffinvite("organiser1")
    lost = TOTPDevice.objects.get(user=organiser)

    enrol(client, organiser, staffinvite("organiser1", "--reset"))
    assert client.get("/staff/").status_code == 200
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    assert AuditEntry.objects.filter(action="reset second factor", subject="user organiser1")


def test_it_names_a_missing_user() -> None:
    with pytest.raises(CommandError, match="no user 'nobody'"):
        staffinvite("nobody")

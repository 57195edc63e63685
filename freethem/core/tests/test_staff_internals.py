"""The libraries' internal models (second-factor devices and backup tokens, lockout records,
task rows) and the worker's heartbeat are for superusers only, and no staff page ever shows a
TOTP key, its otpauth URL or its QR code, or a backup token, to anyone."""

from base64 import b32encode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from freethem.core.models import Heartbeat
from freethem.core.staff import SECRET_HOLDING, SUPERUSER_ONLY
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

BACKUP_TOKEN = "backup77"


@task()
def nothing() -> None:
    """A task to put one row in the task queue."""


def sign_in(client: Client, user: User) -> None:
    client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert client.get("/staff/").status_code == 200


def internal_rows(user: User) -> dict[str, Model]:
    """One row of each internal model, by its path in the staff area."""
    address = {"ip_address": "203.0.113.9", "user_agent": "x", "http_accept": "*/*"}
    backup = StaticDevice.objects.create(user=user, name="backup")
    StaticToken.objects.create(device=backup, token=BACKUP_TOKEN)
    nothing.enqueue()
    attempt = {"get_data": "", "post_data": "", "failures_since_start": 1}
    return {
        "otp_totp/totpdevice": TOTPDevice.objects.get(user=user),
        "otp_static/staticdevice": backup,
        "axes/accessattempt": AccessAttempt.objects.create(
            username="nobody", path_info="/staff/login/", **attempt, **address
        ),
        "axes/accesslog": AccessLog.objects.create(
            username="nobody", path_info="/staff/login/", **address
        ),
        "axes/accessfailurelog": AccessFailureLog.objects.create(
            username="nobody", path_info="/staff/login/", **address
        ),
        "django_tasks_database/dbtaskresult": DBTaskResult.objects.get(),
        "core/heartbeat": Heartbeat.objects.create(name="worker", seen_at=timezone.now()),
    }


def secrets_of(device: TOTPDevice) -> list[str]:
    return [device.key, b32encode(device.bin_key).decode(), "otpauth://", BACKUP_TOKEN]


def test_it_hides_the_internal_models_from_an_organiser_with_every_permission(
    client: Client,
) -> None:
    organiser = staff_user(username="organiser1", role="organiser")
    rows = internal_rows(organiser)
    assert organiser.has_perm("otp_totp.view_totpdevice") and organiser.has_perm(
        "axes.delete_accessattempt"
    )  # the role holds every permission: the staff site alone keeps these out of reach
    sign_in(client, organiser)

    index = client.get("/staff/").content.decode()
    for path, row in rows.items():
        assert f"/staff/{path}/" not in index
        assert client.get(f"/staff/{path}/").status_code == 403
        assert client.get(f"/staff/{path}/{row.pk}/change/").status_code == 403
        assert client.get(f"/staff/{path}/{row.pk}/delete/").status_code == 403
    device = rows["otp_totp/totpdevice"]
    for view in ("config", "qrcode"):
        assert client.get(f"/staff/otp_totp/totpdevice/{device.pk}/{view}/").status_code == 404


def test_it_shows_a_superuser_the_lists_but_never_a_key_or_a_backup_token(
    client: Client,
) -> None:
    superuser = staff_user(username="root1", role="organiser")
    User.objects.filter(pk=superuser.pk).update(is_superuser=True)
    rows = internal_rows(superuser)
    device = rows["otp_totp/totpdevice"]
    sign_in(client, superuser)

    index = client.get("/staff/").content.decode()
    for path, row in rows.items():
        assert f"/staff/{path}/" in index
        assert client.get(f"/staff/{path}/").status_code == 200
        assert client.get(f"/staff/{path}/{row.pk}/change/").status_code == 200
    pages = [
        client.get(f"/staff/{path}/{page}").content.decode()
        for path in ("otp_totp/totpdevice", "otp_static/staticdevice")
        for page in ("", f"{rows[path].pk}/change/")
    ]
    for page in pages:
        assert not [secret for secret in secrets_of(device) if secret in page]
    for view in ("config", "qrcode"):
        assert client.get(f"/staff/otp_totp/totpdevice/{device.pk}/{view}/").status_code == 404
    assert client.get("/staff/otp_totp/totpdevice/add/").status_code == 403


def test_it_lets_only_a_superuser_make_or_change_a_superuser(client: Client) -> None:
    organiser = staff_user(username="organiser1", role="organiser")
    superuser = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    sign_in(client, organiser)

    own_page = client.get(f"/staff/auth/user/{organiser.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in own_page  # shown, not editable
    their_page = client.get(f"/staff/auth/user/{superuser.pk}/change/").content.decode()
    assert 'name="_save"' not in their_page  # read only
    assert client.get(f"/staff/auth/user/{superuser.pk}/password/").status_code == 403
    assert client.get(f"/staff/auth/user/{superuser.pk}/delete/").status_code == 403


def test_it_names_only_models_that_exist() -> None:
    for label in SUPERUSER_ONLY | SECRET_HOLDING:
        assert apps.get_model(label)  # a misspelt label would guard nothing

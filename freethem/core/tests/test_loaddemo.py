import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from freethem.core.management.commands.loaddemo import DEMO_PASSWORD, DEMO_USERNAME
from freethem.core.tests.factories import current_code

pytestmark = pytest.mark.django_db


def test_it_loads_once_and_a_second_run_changes_nothing() -> None:
    call_command("loaddemo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert User.objects.filter(username=DEMO_USERNAME).count() == 1


def test_it_lets_the_demo_organiser_in_with_the_printed_code(client: Client) -> None:
    call_command("loaddemo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("totpcode", DEMO_USERNAME, stdout=out)
    code = out.getvalue().strip()
    assert code == current_code(User.objects.get(username=DEMO_USERNAME))
    response = client.post(
        "/staff/login/", {"username": DEMO_USERNAME, "password": DEMO_PASSWORD, "code": code}
    )
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


@override_settings(PRODUCTION=True)
def test_it_refuses_demo_data_and_printed_codes_in_production() -> None:
    with pytest.raises(CommandError, match="refused in production"):
        call_command("loaddemo")
    with pytest.raises(CommandError, match="refused in production"):
        call_command("totpcode", DEMO_USERNAME)

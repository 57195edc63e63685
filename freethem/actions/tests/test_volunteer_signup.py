"""The volunteer sign-up: kept encrypted, one row per address (a second sign-up adds to the
first, never replaces how organisers reach them, and looks the same to the visitor), bounded
input with translated errors, and the sign form's defences."""

import re
from collections.abc import Callable

import altcha
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from freethem.actions.models import Volunteer
from freethem.actions.services import volunteers as services
from freethem.actions.services.volunteers import volunteer_email_hash
from freethem.appeals import defences

pytestmark = pytest.mark.django_db

URL = "/volunteer/"
THANKS = "/volunteer/thanks/"


def signup_data(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Roya Rahimi",
        "email": "Roya.Rahimi@example.org",
        "safe_contact": "signal: roya.42",
        "languages": "Persian, English",
        "skills": ["translation", "events"],
        "country": "DE",
        "availability": "weekly",
        "message": "I can translate on weekends.",
        "consent": "on",
        "website": "",
        "altcha": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def pow_payload(monkeypatch: pytest.MonkeyPatch) -> Callable[[], str]:
    """Easy challenges, solved as the browser does."""
    monkeypatch.setattr(defences, "POW_COUNTER_MIN", 1)
    monkeypatch.setattr(defences, "POW_COUNTER_MAX", 20)

    def solved() -> str:
        challenge = altcha.Challenge.from_dict(Client().get("/appeals/challenge.json").json())
        return altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()

    return solved


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_shows_the_form_in_both_languages(client: Client, prefix: str) -> None:
    response = client.get(prefix + URL)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("name", "email", "safe_contact", "languages", "skills", "country",
                 "availability", "message", "consent", "website"):  # fmt: skip
        assert f'name="{name}"' in page
    assert "altcha-widget" in page
    assert reverse("volunteer:signup") == prefix + URL


def test_it_ticks_the_skill_asked_for(client: Client) -> None:
    page = client.get(URL, {"skill": "events"}).content.decode()
    assert 'value="events" id="id_skills_4" checked' in page
    page = client.get(URL, {"skill": "x" * 5000}).content.decode()
    assert 'value="events" id="id_skills_4">' in page and not re.search("<input[^>]*checked", page)


def test_it_keeps_a_volunteer_encrypted(client: Client, pow_payload: Callable[[], str]) -> None:
    response = client.post(URL, signup_data(altcha=pow_payload()), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302 and response["Location"] == THANKS
    volunteer = Volunteer.objects.get()
    assert (volunteer.name, volunteer.email) == ("Roya Rahimi", "Roya.Rahimi@example.org")
    assert volunteer.safe_contact == "signal: roya.42"
    assert volunteer.skills == ["translation", "events"]
    assert (volunteer.country.code, volunteer.availability) == ("DE", "weekly")
    assert volunteer.email_hash == volunteer_email_hash("roya.rahimi@EXAMPLE.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM actions_volunteer")
        stored = " ".join(str(cell) for cell in cursor.fetchone())
    for secret in ("Roya", "roya", "signal", "weekends", "203.0.113"):
        assert secret not in stored
    assert client.get(THANKS).status_code == 200


def test_it_takes_a_sign_up_without_javascript(client: Client) -> None:
    assert client.post(URL, signup_data()).status_code == 302
    assert Volunteer.objects.count() == 1


def test_it_adds_a_second_sign_up_to_the_first_without_replacing_contacts(
    client: Client,
) -> None:
    first = client.post(URL, signup_data())
    second = client.post(
        URL,
        signup_data(
            name="Someone Else",
            email="roya.rahimi@example.org",
            safe_contact="signal: attacker",
            languages="german, French",
            skills=["design"],
            message="Also design.",
        ),
    )
    assert first["Location"] == second["Location"] == THANKS
    volunteer = Volunteer.objects.get()
    assert volunteer.name == "Roya Rahimi" and volunteer.safe_contact == "signal: roya.42"
    assert volunteer.skills == ["translation", "design", "events"]
    assert volunteer.languages == "Persian, English, german, French"
    assert volunteer.message.startswith("I can translate on weekends.\n\n[")
    assert volunteer.message.endswith("] Also design.\n(signal: attacker)")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Please enter your name."),
        ({"email": "not an address"}, "This is not an email address we can write to."),
        ({"consent": ""}, "Please agree to how we keep your details"),
        ({"skills": ["hacking"]}, "Please choose from the skills listed."),
        ({"availability": "always"}, "Please choose from the times listed."),
        ({"country": "ZZ"}, "Please choose your country from the list."),
        ({"message": "x" * 2001}, "Please shorten this to 2000 characters (it has 2001)."),
        ({"name": "A\u202eB"}, "invisible control or text-direction characters"),
    ],
)
def test_it_explains_bad_input_and_keeps_nothing(
    client: Client, fields: dict, message: str
) -> None:
    response = client.post(URL, signup_data(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Volunteer.objects.exists()


def test_it_explains_bad_input_in_persian(client: Client) -> None:
    response = client.post("/fa" + URL, signup_data(name=""))
    assert "لطفاً نام خود را وارد کنید." in response.content.decode()


def test_it_drops_a_filled_honeypot_silently(client: Client) -> None:
    response = client.post(URL, signup_data(website="https://spam.example"))
    assert response.status_code == 302 and response["Location"] == THANKS
    assert not Volunteer.objects.exists()


def test_it_refuses_a_forged_or_replayed_proof(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    response = client.post(URL, signup_data(altcha="bm90IGEgcHJvb2Y="))
    assert response.status_code == 400
    assert "check did not work or has expired" in response.content.decode()
    proof = pow_payload()
    assert client.post(URL, signup_data(altcha=proof)).status_code == 302
    again = client.post(URL, signup_data(email="other@example.org", altcha=proof))
    assert again.status_code == 400
    assert Volunteer.objects.count() == 1
    persian = client.post("/fa" + URL, signup_data(altcha="bm90IGEgcHJvb2Y="))
    assert "انجام نشد یا منقضی شده است" in persian.content.decode()


def test_it_limits_sign_ups_per_network(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "PER_NETWORK", 2)
    for last in range(1, 4):
        response = client.post(
            URL, signup_data(email=f"v{last}@example.org"), REMOTE_ADDR=f"198.51.100.{last}"
        )
    assert response.status_code == 429
    assert "many sign-ups from your connection" in response.content.decode()
    assert Volunteer.objects.count() == 2
    elsewhere = client.post(URL, signup_data(email="v9@example.org"), REMOTE_ADDR="192.0.2.1")
    assert elsewhere.status_code == 302

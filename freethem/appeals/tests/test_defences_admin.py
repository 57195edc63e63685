"""The defences in the staff area: rules (emails kept as keyed hashes), the one row of limits,
alerts, and the trending view for moderators and organisers."""

import pytest
from django.test import Client

from freethem.appeals.models import Alert, Limits, Rule
from freethem.appeals.tests.factories import make_appeal
from freethem.appeals.tests.test_admin_support import make_signature, signed_in
from freethem.core.crypto import keyed_hash

pytestmark = pytest.mark.django_db

RULES = "/staff/appeals/rule/"
TRENDING = "/staff/appeals/alert/trending/"


def test_it_stores_an_email_rule_as_a_keyed_hash_only(client: Client) -> None:
    signed_in(client, role="organiser")
    response = client.post(
        f"{RULES}add/",
        {"kind": "email", "action": "block", "value": "John.Doe+x@gmail.com", "note": "bot"},
    )
    assert response.status_code == 302
    rule = Rule.objects.get(kind="email")
    assert rule.value == keyed_hash("johndoe@gmail.com", purpose="email")
    listing = client.get(RULES).content.decode()
    assert "John.Doe" not in listing and "(keyed hash of an email)" in listing
    # Found again by searching for the address.
    assert "bot" in client.get(RULES, {"q": "johndoe@gmail.com"}).content.decode()


def test_it_normalises_a_network_and_refuses_a_bad_one(client: Client) -> None:
    signed_in(client, role="organiser")
    client.post(f"{RULES}add/", {"kind": "network", "action": "block", "value": "203.0.113.9/24"})
    assert Rule.objects.filter(kind="network", value="203.0.113.0/24").exists()
    response = client.post(f"{RULES}add/", {"kind": "network", "action": "block", "value": "x"})
    assert "Enter an IP address or a network such as 203.0.113.0/24." in response.content.decode()


def test_it_opens_the_one_row_of_limits(client: Client) -> None:
    signed_in(client, role="organiser")
    response = client.get("/staff/appeals/limits/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/staff/appeals/limits/{Limits.current().pk}/change/")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("role", ["moderator", "organiser"])
def test_it_shows_staff_where_signatures_come_from_and_unseen_alerts(
    client: Client, role: str
) -> None:
    appeal = make_appeal()
    for n in range(3):
        make_signature(
            appeal, email=f"s{n}@spam.example", ip="203.0.113.7", suspect=n > 0, confirmed=False
        )
    make_signature(appeal, email="ada@example.org", ip="198.51.100.1", confirmed=False)
    Alert.objects.create(kind="domain", source="spam.example", label="spam.example", count=101)
    signed_in(client, role=role)

    page = client.get(TRENDING).content.decode()

    # Addresses read left to right on Persian pages too: isolated in a sentence or a cell.
    assert "\u2066spam.example\u2069 passed the alert threshold" in page
    assert '<td><bdi dir="ltr">spam.example</bdi></td><td>3</td><td>2</td>' in page
    assert '<td><bdi dir="ltr">203.0.113.0/24</bdi></td><td>3</td><td>2</td>' in page
    assert "203.0.113.x #" in page and "203.0.113.7" not in page  # masked
    assert "ada@example.org" not in page
    assert TRENDING in client.get("/staff/appeals/alert/").content.decode()


def test_it_marks_alerts_seen(client: Client) -> None:
    Alert.objects.create(kind="domain", source="spam.example", label="spam.example", count=101)
    signed_in(client, role="moderator")
    assert client.post(TRENDING).status_code == 302
    assert not Alert.objects.filter(seen=False).exists()
    assert "passed the alert threshold" not in client.get(TRENDING).content.decode()


def test_it_keeps_the_trending_view_from_other_staff(client: Client) -> None:
    signed_in(client, role="researcher")
    assert client.get(TRENDING).status_code == 403

"""The sign form's defences, through the sign page as a bot or a person would use it: whatever
trips a defence is taken silently and marked, and the signer sees exactly what everyone sees.
(The widget solving the proof of work in a browser: test_defences_browser.py.)"""

import re
from collections.abc import Callable

import altcha
import pytest
from django.http import HttpResponse
from django.test import Client

from freethem.appeals import defences, forms
from freethem.appeals.models import Alert, Appeal, Limits, Rule, Signature
from freethem.appeals.tests.factories import SIGNER, make_appeal, sign
from freethem.core.crypto import keyed_hash

pytestmark = pytest.mark.django_db


@pytest.fixture
def pow_payload(monkeypatch: pytest.MonkeyPatch) -> Callable[[], str]:
    """Solve challenges as the browser does, but easy ones, so tests stay quick."""
    monkeypatch.setattr(defences, "POW_COUNTER_MIN", 1)
    monkeypatch.setattr(defences, "POW_COUNTER_MAX", 20)

    def solved() -> str:
        challenge = altcha.Challenge.from_dict(Client().get("/appeals/challenge.json").json())
        return altcha.Payload(challenge, altcha.solve_challenge(challenge)).to_base64()

    return solved


def sign_as(
    client: Client,
    appeal: Appeal,
    n: int,
    pow_payload: Callable[[], str],
    ip: str = "127.0.0.1",
    **fields: str,
) -> HttpResponse:
    """Sign as signer n from address ip, with a solved proof of work, as the page would."""
    data = {**SIGNER, "email": f"signer{n}@example.org", "altcha": pow_payload(), **fields}
    return client.post(f"/appeals/{appeal.slug}/sign/", data, REMOTE_ADDR=ip)


def seen_by_signer(client: Client, response: HttpResponse) -> tuple[int, str, str]:
    """Everything the signer gets: the status, where it leads, and that page (whose CSRF token
    is masked anew on each page, for everyone)."""
    page = client.get(response["Location"]).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", page)
    return response.status_code, response["Location"], page


def test_it_takes_a_signature_with_a_solved_proof_of_work_as_clean(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    sign_as(client, appeal, 1, pow_payload)
    signature = Signature.objects.get()
    assert (signature.suspect, signature.held, signature.reasons) == (False, False, "")


def test_it_marks_a_burst_from_one_ip_suspect_without_telling_the_client(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    limits = Limits.current()
    limits.per_ip = 3
    limits.save()

    responses = [sign_as(client, appeal, n, pow_payload) for n in range(5)]

    flags = list(Signature.objects.order_by("created_at", "pk").values_list("suspect", "reasons"))
    assert flags == [(False, "")] * 3 + [(True, defences.OVER_IP_LIMIT)] * 2
    # The fifth signer (suspect) sees exactly what the first (clean) one saw.
    assert seen_by_signer(client, responses[4]) == seen_by_signer(client, responses[0])


def test_it_limits_a_network_and_an_email_domain_too(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    Limits.objects.update_or_create(pk=1, defaults={"per_network": 2, "per_domain": 1})
    sign_as(client, appeal, 1, pow_payload, ip="203.0.113.7")
    sign_as(client, appeal, 2, pow_payload, ip="203.0.113.8")
    sign_as(client, appeal, 3, pow_payload, ip="203.0.113.9")

    reasons = list(Signature.objects.order_by("created_at", "pk").values_list("reasons", flat=True))
    assert reasons == ["", "domain-limit", "network-limit domain-limit"]


def test_it_exempts_large_providers_from_the_domain_limit_by_an_allow_rule(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    Limits.objects.update_or_create(pk=1, defaults={"per_domain": 1})
    # Made by migration 0002; organisers may delete it.
    assert Rule.objects.filter(kind="domain", value="gmail.com", action="allow").exists()
    for n in range(3):
        sign_as(client, appeal, n, pow_payload, ip=f"198.51.{n}.1", email=f"signer{n}@gmail.com")
    assert not Signature.objects.filter(suspect=True).exists()


def test_it_marks_a_filled_honeypot_suspect_silently(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    clean = sign_as(client, appeal, 1, pow_payload)
    bot = sign_as(client, appeal, 2, pow_payload, website="https://spam.example")

    assert Signature.objects.get(email_hash=keyed_hash("signer2@example.org", purpose="email"))
    assert list(Signature.objects.filter(suspect=True).values_list("reasons", flat=True)) == [
        defences.HONEYPOT
    ]
    assert seen_by_signer(client, bot) == seen_by_signer(client, clean)


def test_it_hides_the_honeypot_from_people(client: Client) -> None:
    page = client.get(f"/appeals/{make_appeal().slug}/").content.decode()
    assert '<div class="defence-trap" aria-hidden="true">' in page
    assert 'name="website"' in page
    assert 'tabindex="-1"' in page and 'autocomplete="off"' in page
    assert 'style="' not in page  # hidden by a class, never an inline style (CSP)


def test_it_holds_a_signature_made_without_javascript_for_review(client: Client) -> None:
    appeal = make_appeal()
    response = sign(client, appeal)  # no proof of work: the widget never ran

    signature = Signature.objects.get()
    assert (signature.held, signature.suspect, signature.reasons) == (True, False, "no-pow")
    assert response.status_code == 302  # taken as any other


def test_it_marks_a_forged_or_replayed_proof_of_work_suspect(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    payload = pow_payload()
    sign_as(client, appeal, 1, lambda: payload)
    sign_as(client, appeal, 2, lambda: payload)  # the same solution again
    sign_as(client, appeal, 3, lambda: "bm90IGEgc29sdXRpb24=")  # "not a solution"
    forged = altcha.Challenge.from_dict(client.get("/appeals/challenge.json").json())
    forged.parameters.cost = 1  # cheaper work: the signature no longer matches
    solution = altcha.solve_challenge(forged, timeout=5)
    if solution is not None:
        sign_as(client, appeal, 4, lambda: altcha.Payload(forged, solution).to_base64())

    reasons = list(Signature.objects.order_by("created_at", "pk").values_list("reasons", flat=True))
    assert reasons[:3] == ["", defences.POW_REUSED, defences.POW_INVALID]
    assert all(reason == defences.POW_INVALID for reason in reasons[3:])


def test_it_refuses_a_disposable_domain_with_its_message(client: Client) -> None:
    response = sign(client, make_appeal(), email="someone@mailinator.com")

    assert response.status_code == 200
    assert str(forms.DISPOSABLE_EMAIL) in response.content.decode()
    assert 'value="someone@mailinator.com"' in response.content.decode()  # kept what was typed
    assert not Signature.objects.exists()
    assert defences.refused_domain("mx.mailinator.com")  # and its subdomains
    assert not defences.refused_domain("example.org")


def test_it_lets_a_disposable_domain_in_by_an_allow_rule(client: Client) -> None:
    Rule.objects.create(kind="domain", action="allow", value="mailinator.com")
    response = sign(client, make_appeal(), email="someone@mailinator.com")
    assert response.status_code == 302
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "value", "reason"),
    [
        ("network", "203.0.113.0/24", "blocked-ip"),
        ("network", "203.0.113.7", "blocked-ip"),
        ("domain", "example.org", "blocked-domain"),
        ("email", "hash of signer1@example.org", "blocked-email"),
    ],
)
def test_it_marks_what_a_block_rule_matches_suspect(
    client: Client, pow_payload: Callable[[], str], kind: str, value: str, reason: str
) -> None:
    appeal = make_appeal()
    if value.startswith("hash of "):  # hashed here, not at import: the data key may not exist yet
        value = keyed_hash(value.removeprefix("hash of "), purpose="email")
    Rule.objects.create(kind=kind, action="block", value=value)
    blocked = sign_as(client, appeal, 1, pow_payload, ip="203.0.113.7")
    clean = sign_as(client, appeal, 2, pow_payload, ip="192.0.2.1")

    signature = Signature.objects.get(email_hash=keyed_hash("signer1@example.org", purpose="email"))
    assert (signature.suspect, signature.reasons) == (True, reason)
    assert seen_by_signer(client, blocked) == seen_by_signer(client, clean)


def test_it_lets_an_allowed_network_past_the_ip_limits(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    Limits.objects.update_or_create(pk=1, defaults={"per_ip": 1, "per_network": 1})
    Rule.objects.create(kind="network", action="allow", value="192.0.2.0/24", note="office")
    for n in range(3):
        sign_as(client, appeal, n, pow_payload, ip="192.0.2.10")
    sign_as(client, appeal, 9, pow_payload, ip="198.51.100.1")
    sign_as(client, appeal, 10, pow_payload, ip="198.51.100.1")

    assert list(Signature.objects.filter(suspect=True).values_list("reasons", flat=True)) == [
        "ip-limit network-limit"
    ]


def test_it_alerts_staff_once_when_a_source_passes_the_threshold(
    client: Client, pow_payload: Callable[[], str]
) -> None:
    appeal = make_appeal()
    Limits.objects.update_or_create(pk=1, defaults={"alert_threshold": 2})
    for n in range(5):
        sign_as(client, appeal, n, pow_payload, ip="203.0.113.7")

    alerts = sorted(Alert.objects.values_list("label", "count"))
    assert alerts == [("203.0.113.0/24", 3), ("203.0.113.x", 3), ("example.org", 3)]
    # No IP in clear in the database: the sources of network alerts are keyed hashes.
    assert not Alert.objects.filter(source__contains="203.0.113").exists()

"""The sign form: a pending signature that does not count yet, the same page for a second
signing, and a clear message for each bad input that keeps what was typed."""

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client

from freethem.appeals import defences, forms
from freethem.appeals.models import AppealState, Signature
from freethem.appeals.services import defences as defence_counts
from freethem.appeals.services import normalise_email
from freethem.appeals.tests.factories import (
    confirmed_count,
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    sign,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("passes_defences")]


def deliver() -> None:
    """Run the background worker until the queue is empty, as the site's worker would."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_it_stores_a_pending_signature_that_does_not_count_yet(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    appeal = make_appeal()
    response = sign(client, appeal)
    assert response.status_code == 302
    assert response["Location"] == f"/appeals/{appeal.slug}/sent/"
    signature = Signature.objects.get()
    assert (signature.state, signature.public_name, signature.language) == (
        "pending",
        "Ada Lovelace",
        "en",
    )
    assert confirmed_count(appeal) == 0
    assert "Check your email" in client.get(response["Location"]).content.decode()
    deliver()
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]


def test_it_takes_a_second_signing_of_the_same_person_silently(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    appeal = make_appeal()
    first = sign(client, appeal, email="johndoe@gmail.com")
    deliver()
    second = sign(client, appeal, email="John.Doe+x@gmail.com", name="Someone Else")
    deliver()
    assert Signature.objects.count() == 1
    assert Signature.objects.get().name == "Ada Lovelace"
    # The same redirect, to the same page: nothing says the address had signed.
    assert (second.status_code, second["Location"]) == (first.status_code, first["Location"])
    assert second.content == first.content
    # A mail again, to the address that signed first, with a new confirmation link.
    assert [message.to for message in mailoutbox] == [["johndoe@gmail.com"]] * 2
    assert "/confirm/" in mailoutbox[1].body


def test_it_normalises_addresses_where_the_provider_ignores_dots_and_tags() -> None:
    assert normalise_email(" John.Doe+x@GMail.com ") == "johndoe@gmail.com"
    assert normalise_email("j.doe+news@googlemail.com") == "jdoe@gmail.com"
    assert normalise_email("Jo.Doe+x@outlook.com") == "jo.doe@outlook.com"
    # Elsewhere a +tag or a dot may be another mailbox: only the case is folded.
    assert normalise_email("Jo.Doe+x@example.org") == "jo.doe+x@example.org"


def test_it_keeps_the_signers_language(client: Client) -> None:
    appeal = make_appeal()
    response = sign(client, appeal, prefix="/fa", name="لیلا احمدی", country="IR")
    assert response["Location"] == f"/fa/appeals/{appeal.slug}/sent/"
    assert Signature.objects.get().language == "fa"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "ada@example"}, forms.INVALID_EMAIL),
        ({"email": "ada at example.org"}, forms.INVALID_EMAIL),
        ({"email": ""}, forms.EMAIL_REQUIRED),
        ({"name": ""}, forms.NAME_REQUIRED),
        ({"country": "XX"}, forms.UNKNOWN_COUNTRY),
        ({"country": ""}, forms.COUNTRY_REQUIRED),
        ({"name": "Ada \u202eecalevoL"}, forms.CONTROL_CHARACTERS),
        ({"name": "Ada\u2066 Lovelace"}, forms.CONTROL_CHARACTERS),
        ({"name": "Ada\x07Lovelace"}, forms.CONTROL_CHARACTERS),
        ({"name": "Ada\x85Lovelace"}, forms.CONTROL_CHARACTERS),
        ({"city": "London\x00"}, forms.CONTROL_CHARACTERS),
        ({"affiliation": "Professor\u202a of law"}, forms.CONTROL_CHARACTERS),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(
    client: Client, fields: dict[str, str], message: str
) -> None:
    appeal = make_appeal()
    typed = {"name": "Grace Hopper", "city": "Arlington", "affiliation": "US Navy", **fields}
    response = sign(client, appeal, **typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert str(message) in html.replace("&#x27;", "'")
    assert 'value="ada@example.org"' in html or "email" in fields
    assert "US Navy" in html or "affiliation" in fields
    assert not Signature.objects.exists()


def test_it_names_the_limit_of_an_over_long_field(client: Client) -> None:
    appeal = make_appeal()
    html = sign(client, appeal, name="A" * 101, city="C" * 150).content.decode()
    assert str(forms.TOO_LONG % {"limit_value": 100, "show_value": 101}) in html
    assert str(forms.TOO_LONG % {"limit_value": 100, "show_value": 150}) in html
    assert "A" * 101 in html  # kept, to be shortened
    assert not Signature.objects.exists()


def test_it_explains_bad_input_in_persian(client: Client) -> None:
    appeal = make_appeal()
    html = sign(client, appeal, prefix="/fa", email="nope").content.decode()
    assert '<html lang="fa"' in html
    assert 'value="nope"' in html
    assert 'aria-invalid="true"' in html


def test_it_refuses_disposable_mail_domains(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(defences, "refused_domain", lambda domain: domain == "mailinator.com")
    appeal = make_appeal()
    html = sign(client, appeal, email="ada@Mailinator.com").content.decode()
    assert str(forms.DISPOSABLE_EMAIL) in html.replace("&#x27;", "'")
    assert 'value="ada@Mailinator.com"' in html
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    ("state", "notice"),
    [(AppealState.PAUSED, "Signing is paused"), (AppealState.CLOSED, "This appeal is closed")],
)
def test_it_takes_no_signature_while_paused_or_closed(
    client: Client, state: str, notice: str
) -> None:
    appeal = make_appeal(state=state)
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert notice in html
    assert 'name="email"' not in html
    sign(client, appeal)
    assert not Signature.objects.exists()


def test_it_stores_the_verdict_of_the_defences(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        defence_counts,
        "checks_record",
        lambda checks: defences.Verdict(suspect=True, reasons=["ip"]),
    )
    appeal = make_appeal()
    response = sign(client, appeal)
    assert response["Location"] == f"/appeals/{appeal.slug}/sent/"  # told nothing
    signature = Signature.objects.get()
    assert (signature.suspect, signature.reasons) == (True, "ip")


def test_it_takes_a_persian_name_written_with_a_zero_width_non_joiner(client: Client) -> None:
    appeal = make_appeal()
    response = sign(client, appeal, name="مهرناز رحیمی\u200cپور", email="mehrnaz@example.org")
    assert response.status_code == 302
    assert Signature.objects.get().public_name == "مهرناز رحیمی\u200cپور"

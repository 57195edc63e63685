"""The sign form as a phone user meets it when something is wrong: a summary of the problems
at the top of the form, which the page opens on, and for a mistyped address the likely one,
taken with one press (or the address kept as typed)."""

import re

import pytest
from django.test import Client
from django.utils import translation

from freethem.appeals import defences, forms
from freethem.appeals.models import Appeal, Signature
from freethem.appeals.tests.factories import make_appeal, sign

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"


@pytest.fixture(autouse=True)
def english() -> None:
    translation.activate("en")  # an earlier test's Persian request may leave Persian active


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary, "no error summary"
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0))


def test_it_summarises_the_problems_at_the_top_of_the_form_and_opens_on_them(
    client: Client,
) -> None:
    appeal = make_appeal()
    response = sign(client, appeal, name="", email="", country="")
    html = response.content.decode()
    assert response.status_code == 200
    assert summary_links(html) == [
        ("id_name", str(forms.NAME_REQUIRED)),
        ("id_email", str(forms.EMAIL_REQUIRED)),
        ("id_country", str(forms.COUNTRY_REQUIRED)),
    ]
    # The summary opens the form, and takes the focus on load, with or without JavaScript.
    form_start = html.index('<form class="sign-form"')
    assert form_start < html.index('class="error-summary"') < html.index('id="id_name"')
    assert re.search(r'<div class="error-summary" id="error-summary" tabindex="-1" autofocus', html)
    assert "There is a problem" in html
    # Each field keeps its own message beside it.
    assert '<ul class="errorlist" id="id_name_error"><li>Please enter your name.</li></ul>' in html
    assert "<title>Error: Appeal free-them" in html


def test_it_links_a_radio_group_to_its_first_radio(client: Client) -> None:
    html = sign(client, make_appeal(), display="everywhere").content.decode()
    assert [target for target, _message in summary_links(html)] == ["id_display_0"]
    assert 'id="id_display_0"' in html


def test_it_shows_no_summary_on_a_fresh_form(client: Client) -> None:
    html = client.get(make_appeal().get_absolute_url()).content.decode()
    assert 'class="error-summary"' not in html
    assert "<title>Error:" not in html


def test_it_asks_about_a_mistyped_address_rather_than_calling_it_throwaway(
    client: Client,
) -> None:
    assert defences.refused_domain("gmial.com")  # a typo domain in the disposable list
    response = sign(client, make_appeal(), email="someone@gmial.com")
    html = response.content.decode()
    assert not Signature.objects.exists()
    message = f"Did you mean {FSI}someone@gmail.com{PDI}?"
    assert summary_links(html) == [("id_email", message)]
    assert f'<ul class="errorlist" id="id_email_error"><li>{message}</li></ul>' in html
    assert str(forms.DISPOSABLE_EMAIL) not in html
    assert 'value="someone@gmial.com"' in html  # what was typed stays in the field
    # One button signs with the suggestion; sent again unchanged, the address is kept.
    assert (
        '<button type="submit" name="use_suggestion" value="someone@gmail.com">'
        "Yes, sign with <bdi>someone@gmail.com</bdi></button>"
    ) in html
    assert '<input type="hidden" name="keep_email" value="someone@gmial.com">' in html


@pytest.mark.parametrize("typed", ["ada@gmial.com", "ada@gmail.con", "ada@hotmial.com"])
def test_it_signs_with_the_suggested_address_in_one_press(client: Client, typed: str) -> None:
    appeal = make_appeal()
    suggested = typed.split("@")[0] + "@" + ("hotmail.com" if "hot" in typed else "gmail.com")
    response = sign(client, appeal, email=typed, use_suggestion=suggested)
    assert response.status_code == 302
    assert response["Location"] == f"/appeals/{appeal.slug}/sent/"
    signature = Signature.objects.get()
    assert signature.email == suggested
    assert signature.email_domain == suggested.split("@")[1]


def test_it_shows_the_taken_suggestion_when_another_field_still_needs_fixing(
    client: Client,
) -> None:
    html = sign(
        client, make_appeal(), name="", email="ada@gmial.com", use_suggestion="ada@gmail.com"
    ).content.decode()
    assert summary_links(html) == [("id_name", str(forms.NAME_REQUIRED))]
    assert 'value="ada@gmail.com"' in html and "use_suggestion" not in html


def test_it_ignores_a_suggestion_the_address_no_longer_matches(client: Client) -> None:
    # The signer corrected the address by hand and pressed Enter, which presses the form's
    # first button: the suggestion for the old address is not taken.
    sign(client, make_appeal(), email="ada@example.org", use_suggestion="ada@gmail.com")
    assert Signature.objects.get().email == "ada@example.org"


def test_it_takes_the_address_as_typed_when_sent_again_unchanged(client: Client) -> None:
    appeal = make_appeal()
    response = sign(client, appeal, email="ada@yaho.com", keep_email="ada@yaho.com")
    assert response.status_code == 302
    assert Signature.objects.get().email == "ada@yaho.com"


def test_it_still_refuses_a_typo_domain_that_is_disposable_once_kept(client: Client) -> None:
    html = sign(
        client, make_appeal(), email="ada@gmial.com", keep_email="ada@gmial.com"
    ).content.decode()
    assert summary_links(html) == [("id_email", str(forms.DISPOSABLE_EMAIL))]
    assert not Signature.objects.exists()


def test_it_still_refuses_a_real_throwaway_service_without_a_suggestion(client: Client) -> None:
    html = sign(client, make_appeal(), email="someone@mailinator.com").content.decode()
    assert summary_links(html) == [("id_email", str(forms.DISPOSABLE_EMAIL))]
    assert "use_suggestion" not in html


def test_it_isolates_the_suggested_address_on_a_persian_page(client: Client) -> None:
    appeal: Appeal = make_appeal()
    html = client.post(
        f"/fa/appeals/{appeal.slug}/sign/",
        {"name": "لیلا", "email": "leila@gmial.com", "country": "IR", "display": "full"},
    ).content.decode()
    assert f"{FSI}leila@gmail.com{PDI}" in html
    assert "<bdi>leila@gmail.com</bdi>" in html


def test_it_lets_what_a_signer_types_take_its_own_direction(client: Client) -> None:
    html = client.get("/fa" + make_appeal().get_absolute_url()).content.decode()
    for name in ("name", "city", "affiliation"):
        field = re.search(rf'<input type="text" name="{name}"[^>]*>', html)
        assert field and 'dir="auto"' in field.group(0), name
    email = re.search(r'<input type="email" name="email"[^>]*>', html)
    assert email and 'dir="ltr"' in email.group(0)

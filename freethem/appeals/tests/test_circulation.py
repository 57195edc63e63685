"""Circulation with attribution: a signer's own share link, organisers' source codes, and the
code each new signature came through (?via= on the appeal's address, a hidden field in the
sign form). Bad codes of every kind are ignored without a word."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from freethem.appeals import services
from freethem.appeals.models import (
    CODE_ALPHABET,
    SHARE_CODE_LENGTH,
    Appeal,
    Attribution,
    ShareCode,
    Signature,
    SourceCode,
)
from freethem.appeals.tests.factories import (
    SIGNER,
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    sign,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("passes_defences")]

BROUGHT_ONE = "Your link has brought 1 person so far."


def signer(client: Client, appeal: Appeal, email: str, **fields: str) -> Signature:
    """Sign (through the sign form, with whatever via= it is given) and confirm."""
    assert sign(client, appeal, email=email, **fields).status_code == 302
    signature = Signature.objects.get(appeal=appeal, email_hash=services.email_hash(email))
    services.signature_confirm(signature=signature)
    return signature


def personal_path(signature: Signature, prefix: str = "") -> str:
    path = reverse("appeals:personal", args=[signature.appeal.slug, "T"]).replace("/T/", "/")
    return f"{prefix}{path}{services.personal_token(signature)}/"


def share_code_on_page(html: str) -> str:
    field = r'id="share-url" class="share-url"[^>]*>[^<]*\?via=([a-z0-9]+)</textarea>'
    match = re.search(field, html)
    assert match, "no share link on the page"
    return match.group(1)


def test_it_attributes_signatures_through_a_share_link_and_tells_the_sharer(
    client: Client,
) -> None:
    appeal = make_appeal()
    sharer = signer(client, appeal, "ada@example.org")
    page = client.get(personal_path(sharer)).content.decode()
    code = share_code_on_page(page)
    assert "Your link has brought 0 people so far." in page
    # Random, from the unambiguous alphabet; nothing of the secret link in it.
    assert len(code) == SHARE_CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert code not in services.personal_token(sharer) and code not in sharer.link_key
    # The service links are plain addresses carrying the share link; nothing loads from them.
    for service in ("email", "whatsapp", "telegram", "x", "facebook"):
        assert f'class="share-{service}" href=' in page
    assert "mailto:?subject=" in page and "https://wa.me/?text=" in page
    assert f"via%3D{code}" in page  # the link inside the services' addresses
    assert "<img" not in page and "<iframe" not in page

    # A friend opens the appeal through the link: the form carries the code, hidden.
    detail = client.get(f"/appeals/{appeal.slug}/?via={code}").content.decode()
    assert f'<input type="hidden" name="via" value="{code}" id="id_via">' in detail
    friend = signer(client, appeal, "grace@example.org", name="Grace Hopper", via=code)
    assert Attribution.objects.get(signature=friend).share.signature == sharer
    assert BROUGHT_ONE in client.get(personal_path(sharer)).content.decode()
    # A pending signature through the link is not counted for the sharer yet.
    sign(client, appeal, email="mary@example.org", via=code)
    assert BROUGHT_ONE in client.get(personal_path(sharer)).content.decode()


def test_it_says_it_in_persian_with_persian_digits(client: Client) -> None:
    appeal = make_appeal()
    sharer = signer(client, appeal, "ada@example.org")
    code = services.share_code_for(signature=sharer).code
    signer(client, appeal, "grace@example.org", via=code.upper())  # a capitalised code works
    page = client.get(personal_path(sharer, "/fa")).content.decode()
    assert "/fa/appeals/free-them/?via=" + code in page
    assert "۱" in page.split('class="share-count"')[1].split("</p>")[0]


def test_it_attributes_signatures_to_an_organisers_source_code(client: Client) -> None:
    appeal = make_appeal()
    source = services.source_code_create(appeal=appeal, label="Newspaper ad", code="Guardian-Ad")
    assert source.code == "guardian-ad"
    signature = signer(client, appeal, "ada@example.org", via="GUARDIAN-AD")
    assert Attribution.objects.get(signature=signature).source == source


def test_it_keeps_the_sharers_page_the_same_when_staff_mark_a_friend_suspect(
    client: Client,
) -> None:
    appeal = make_appeal()
    sharer = signer(client, appeal, "ada@example.org")
    code = services.share_code_for(signature=sharer).code
    friend = signer(client, appeal, "grace@example.org", via=code)
    path = personal_path(sharer)  # once: a token made a second later differs
    before = client.get(path).content.decode()
    services.signature_mark_suspect(signature=friend)
    after = client.get(path).content.decode()
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)  # noqa: E731
    assert strip(before) == strip(after) and BROUGHT_ONE in after


def test_it_does_not_count_a_signer_signing_again_through_their_own_link(
    client: Client,
) -> None:
    appeal = make_appeal()
    sharer = signer(client, appeal, "ada@example.org")
    code = services.share_code_for(signature=sharer).code
    assert sign(client, appeal, email="ADA@example.org", via=code).status_code == 302
    assert not Attribution.objects.exists()
    assert "brought 0 people" in client.get(personal_path(sharer)).content.decode()


def test_it_shows_no_share_link_before_confirmation(client: Client) -> None:
    appeal = make_appeal()
    sign(client, appeal)
    signature = Signature.objects.get()
    assert 'id="share-url"' not in client.get(personal_path(signature)).content.decode()
    assert not ShareCode.objects.exists()


BAD = {
    "unknown": "zzzzzzzzzz",
    "malformed": "abc/../def",
    "odd characters": "\x00abc\ufffd",
    "bidi override": "\u202eda-naidraug",
    "ten kilobytes": "a" * 10_240,
    "cyrillic look-alike": "guаrdian-ad",  # а is Cyrillic
    "kelvin sign": "\u212aey",  # folds to "key" under str.lower()
    "fullwidth": "ｇｕａｒｄｉａｎ-ａｄ",
    "inactive": "old-ad",
    "another appeal's": "other-ad",
    "spaces inside": "guardian ad",
    "empty": "",
}


@pytest.mark.parametrize("value", BAD.values(), ids=BAD.keys())
def test_it_ignores_a_bad_code_silently(client: Client, value: str) -> None:
    appeal = make_appeal()
    services.source_code_create(appeal=appeal, label="Ad", code="guardian-ad")
    services.source_code_create(appeal=appeal, label="Old ad", code="old-ad", active=False)
    services.source_code_create(appeal=make_appeal(slug="other"), label="Ad", code="other-ad")
    services.source_code_create(appeal=appeal, label="Key", code="key")
    page = client.get(f"/appeals/{appeal.slug}/", {"via": value})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="via"' not in html or value in ("old-ad", "other-ad", "zzzzzzzzzz")
    signature = signer(client, appeal, "ada@example.org", via=value)
    assert signature.state == "confirmed"  # signed as if there were no code
    assert not Attribution.objects.exists()


def test_it_ignores_a_code_in_bytes_that_are_not_utf8(client: Client) -> None:
    appeal = make_appeal()
    services.source_code_create(appeal=appeal, label="Ad", code="guardian-ad")
    page = client.get(f"/appeals/{appeal.slug}/?via=%FF%FE%C0%AFguardian-ad")
    assert page.status_code == 200 and 'name="via"' not in page.content.decode()
    body = "&".join(f"{k}={v}" for k, v in SIGNER.items()) + "&via=guardian-ad%FF%C0%AF"
    response = client.post(
        f"/appeals/{appeal.slug}/sign/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert Signature.objects.count() == 1 and not Attribution.objects.exists()


def test_it_bounds_what_a_posted_code_puts_back_into_the_form(client: Client) -> None:
    appeal = make_appeal()
    response = sign(client, appeal, name="", via="x" * 10_240)  # a form error: shown again
    assert response.status_code == 200
    assert "x" * 100 not in response.content.decode()


def test_it_refuses_an_organisers_code_that_is_malformed_or_taken() -> None:
    appeal = make_appeal()
    services.source_code_create(appeal=appeal, label="Ad", code="ad-1")
    for code in ("ad-1", "AD-1", "bad code", "-ad", "a", "x" * 33, "ad_1"):
        with pytest.raises(ValidationError):
            services.source_code_create(appeal=appeal, label="Again", code=code)
    assert SourceCode.objects.count() == 1
    random = services.source_code_create(appeal=appeal, label="Random")
    assert len(random.code) == SHARE_CODE_LENGTH


def test_it_deletes_an_appeal_with_its_codes_and_attributions(client: Client) -> None:
    appeal = make_appeal()
    source = services.source_code_create(appeal=appeal, label="Ad", code="paper-ad")
    sharer = signer(client, appeal, "ada@example.org", via=source.code)
    signer(client, appeal, "grace@example.org", via=services.share_code_for(signature=sharer).code)
    appeal.delete()
    assert not (Attribution.objects.exists() or ShareCode.objects.exists())
    assert not SourceCode.objects.exists()


def test_it_shows_a_suspect_or_held_sharer_the_same_page(client: Client) -> None:
    appeal = make_appeal()
    sharer = signer(client, appeal, "ada@example.org")
    path = personal_path(sharer)  # once: a token made a second later differs
    before = client.get(path).content.decode()
    Signature.objects.filter(pk=sharer.pk).update(suspect=True, reasons="ip-limit")
    suspect = client.get(path).content.decode()
    Signature.objects.filter(pk=sharer.pk).update(suspect=False, held=True, reasons="no-pow")
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)  # noqa: E731
    assert strip(before) == strip(suspect)
    held = client.get(path).content.decode()
    assert share_code_on_page(held) == share_code_on_page(before)  # the same link still

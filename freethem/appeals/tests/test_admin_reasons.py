"""Why a signature is held or suspect, in words staff understand, in both languages: in the
list, its filter and the signature's page. The codes stay in the database."""

import re

import pytest
from django.test import Client

from freethem.appeals import defences
from freethem.appeals.models import Reason
from freethem.appeals.services import review
from freethem.appeals.services.moderation import STAFF_REASON
from freethem.appeals.tests.test_admin_support import (
    SIGNATURES,
    make_appeal,
    make_signature,
    signed_in,
)
from freethem.core.tests.staff_dashboard_support import text_of

pytestmark = pytest.mark.django_db


def test_it_has_words_for_every_reason_the_defences_and_staff_give() -> None:
    given = {
        defences.NO_POW, defences.POW_INVALID, defences.POW_REUSED, defences.HONEYPOT,
        *defences.BLOCKED.values(), defences.OVER_IP_LIMIT, defences.OVER_NETWORK_LIMIT,
        defences.OVER_DOMAIN_LIMIT, STAFF_REASON, "lookalike",  # the impersonation guard's
        review.REJECTED, review.INVALIDATED,
    }  # fmt: skip
    assert given == set(Reason.values)


def visible(page: str) -> str:
    """The page's text, without the filter's links (whose query strings hold the codes)."""
    return text_of(re.sub(r'href="[^"]*"', "", page))


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", ["Blocked network", "Too many from one address", "No browser check"]),
        ("/fa", ["شبکهٔ مسدود", "تعداد بیش از حد از یک نشانی", "بدون بررسی مرورگر"]),
    ],
)
def test_it_shows_the_reasons_in_words_in_the_list_and_on_the_page(
    client: Client, prefix: str, words: list[str]
) -> None:
    appeal = make_appeal()
    bot = make_signature(
        appeal, email="bot@example.org", suspect=True, reasons="blocked-ip ip-limit"
    )
    make_signature(appeal, email="held@example.org", held=True, reasons="no-pow")
    signed_in(client, role="moderator")

    listed = visible(client.get(f"{prefix}{SIGNATURES}").content.decode())
    page = visible(client.get(f"{prefix}{SIGNATURES}{bot.pk}/change/").content.decode())
    for word in words:
        assert word in listed
    assert words[0] in page and words[1] in page
    for code in ("blocked-ip", "ip-limit", "no-pow"):
        assert code not in listed and code not in page


@pytest.mark.parametrize(("prefix", "word"), [("", "Blocked network"), ("/fa", "شبکهٔ مسدود")])
def test_it_filters_by_a_reason_chosen_by_its_words(client: Client, prefix: str, word: str) -> None:
    appeal = make_appeal()
    make_signature(appeal, email="a@example.org", name="Net Blocked", reasons="blocked-ip")
    make_signature(appeal, email="b@example.org", name="Two Reasons", reasons="no-pow blocked-ip")
    make_signature(appeal, email="c@example.org", name="Only Domain", reasons="blocked-domain")
    make_signature(appeal, email="d@example.org", name="Clean Signer")
    signed_in(client, role="moderator")

    page = client.get(f"{prefix}{SIGNATURES}").content.decode()
    assert f'<a href="?reason=blocked-ip">{word}</a>' in page
    found = text_of(client.get(f"{prefix}{SIGNATURES}?reason=blocked-ip").content.decode())
    assert "Net Blocked" in found and "Two Reasons" in found
    assert "Only Domain" not in found and "Clean Signer" not in found

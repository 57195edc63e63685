"""The appeal's public list of signatures: who is on it and as what, notables first, search by
name in either script, the country filter, pages, and odd input."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from freethem.appeals import services
from freethem.appeals.models import Appeal, Signature, SignatureSearchKey, VerificationMeans
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.appeals.tests.test_admin_support import signed_in
from freethem.appeals.views import listing as listing_views
from freethem.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_start() -> None:
    cache.clear()
    translation.activate("en")


def names(html: str) -> list[str]:
    """The names shown in the list's sections, in order (notables first)."""
    return re.findall(r'<span class="name">([^<]*)</span>', html)


def get(client: Client, appeal: Appeal, query: str = "", prefix: str = "") -> str:
    response = client.get(f"{prefix}/appeals/{appeal.slug}/signatures/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_only_confirmed_counted_signers_who_agreed_to_be_shown(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Shown Fully")
    signed(appeal, 2, name="Hidden Person", display="hidden")
    signed(appeal, 3, name="Pending Person", confirm=False)
    services.signature_mark_suspect(signature=signed(appeal, 4, name="Suspect Person"))
    held = signed(appeal, 5, name="Held Person")
    Signature.objects.filter(pk=held.pk).update(held=True)
    services.signature_withdraw(signature=signed(appeal, 6, name="Withdrawn Person"))
    signed(make_appeal(slug="other"), 7, name="Other Appeal")
    html = get(client, appeal)
    assert names(html) == ["Shown Fully"]
    for name in ("Hidden", "Pending", "Suspect", "Held", "Withdrawn", "Other Appeal"):
        assert name not in html
    assert "s1@example.org" not in html


def test_it_shows_the_first_name_alone_when_the_signer_chose_it(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Narges Privatefamily", display="first", city="Tehran")
    html = get(client, appeal)
    assert names(html) == ["Narges"]
    assert "Privatefamily" not in html
    assert "Tehran" not in html  # the city is shown only beside a full name
    assert names(get(client, appeal, "q=Privatefamily")) == []  # nor found by it


def test_it_follows_a_change_of_display_and_a_release(client: Client) -> None:
    appeal = make_appeal()
    signature = signed(appeal, 1, name="Omid Rahimi")
    services.signature_update_display(signature=signature, display="first")
    assert names(get(client, appeal, "q=Rahimi")) == []
    assert names(get(client, appeal, "q=Omid")) == ["Omid"]
    services.signature_update_display(signature=signature, display="hidden")
    assert names(get(client, appeal, "q=Omid")) == []
    held = signed(appeal, 2, name="Sara Held")
    Signature.objects.filter(pk=held.pk).update(held=True)
    assert names(get(client, appeal, "q=Sara")) == []
    services.signature_release(signature=held)
    assert names(get(client, appeal, "q=Sara")) == ["Sara Held"]


def test_it_shows_notables_first_then_the_others_most_recent_first(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Early Signer")
    notable = signed(appeal, 2, name="Noam Chomsky")
    flagged = signed(appeal, 3, name="Late Signer")
    Signature.objects.filter(pk=flagged.pk).update(notable=True)  # no verification: not one
    assert names(get(client, appeal)) == ["Late Signer", "Noam Chomsky", "Early Signer"]
    services.notable_mark(
        signature=notable, verified_by=staff_user(username="org", role="organiser"),
        means=VerificationMeans.POST, note="https://example.net/@noam/1", description_en="linguist",
    )  # fmt: skip
    html = get(client, appeal)  # at once: marking forgets the cached notables
    assert names(html) == ["Noam Chomsky", "Late Signer", "Early Signer"]
    assert html.index("Notable signatories") < html.index("Other signers")
    assert "linguist" in html


def test_it_finds_persian_and_latin_spellings(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="سپیده قلیان")
    signed(appeal, 2, name="Sepideh Gholian")
    signed(appeal, 3, name="علی‌رضا كريمي")  # ZWNJ, Arabic kaf and yeh
    signed(appeal, 4, name="José Müller")
    signed(appeal, 5, name="Someone Else")
    assert sorted(names(get(client, appeal, "q=Golian"))) == ["Sepideh Gholian", "سپیده قلیان"]
    assert sorted(names(get(client, appeal, "q=قليان"))) == ["Sepideh Gholian", "سپیده قلیان"]
    assert names(get(client, appeal, "q=علیرضا کریمی")) == ["علی‌رضا كريمي"]
    assert names(get(client, appeal, "q=Karimi")) == ["علی‌رضا كريمي"]
    assert names(get(client, appeal, "q=JOSE mULLER")) == ["José Müller"]
    assert names(get(client, appeal, "q=Sepid")) != []  # the start of a name will do


def test_it_finds_nobody_for_a_query_without_a_word(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Ali Ahmadi")
    for query in ("q=%F0%9F%98%80", "q=!!!"):
        html = get(client, appeal, query)
        assert names(html) == []
        assert "0 names found." in html
    for nothing in ("q=++", "q=%E2%80%8C"):  # only spaces, or a lone ZWNJ: no search at all
        assert names(get(client, appeal, nothing)) == ["Ali Ahmadi"]


def test_it_prefers_whole_words_to_their_starts(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Ali Ahmadi")
    signed(appeal, 2, name="Alireza Ahmadi")
    assert names(get(client, appeal, "q=Ali")) == ["Ali Ahmadi"]
    assert names(get(client, appeal, "q=Alir")) == ["Alireza Ahmadi"]


def test_it_filters_by_country_and_offers_the_countries_present_with_counts(
    client: Client,
) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Anna Berlin", country="DE")
    signed(appeal, 2, name="Marie Paris", country="FR")
    signed(appeal, 3, name="Anna Lyon", country="FR")
    signed(appeal, 4, name="Hidden French", country="IT", display="hidden")
    html = get(client, appeal)
    assert '<option value="FR">France (2)</option>' in html
    assert '<option value="DE">Germany (1)</option>' in html
    assert 'value="IT"' not in html  # a country with nobody listed is not offered
    assert sorted(names(get(client, appeal, "country=FR"))) == ["Anna Lyon", "Marie Paris"]
    assert names(get(client, appeal, "country=FR&q=Anna")) == ["Anna Lyon"]
    assert '<option value="FR" selected>' in get(client, appeal, "country=fr")
    assert len(names(get(client, appeal, "country=ZZ"))) == 3  # unknown: ignored


def test_it_names_the_countries_in_persian_on_persian_pages(client: Client) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Anna Berlin", country="DE")
    html = get(client, appeal, prefix="/fa")
    assert "آلمان (۱)" in html
    assert 'dir="rtl"' in html


def test_it_pages_the_names_within_bounds(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_views, "PER_PAGE", 2)
    appeal = make_appeal()
    for n in range(5):
        signed(appeal, n, name=f"Person Number{n}")
    assert names(get(client, appeal)) == ["Person Number4", "Person Number3"]
    assert names(get(client, appeal, "page=3")) == ["Person Number0"]
    last = get(client, appeal, "page=99999999999")
    assert names(last) == ["Person Number4", "Person Number3"]  # too many digits: the first
    assert names(get(client, appeal, "page=999")) == ["Person Number0"]  # the last
    assert "There is no such page" in get(client, appeal, "page=999")
    html = get(client, appeal, "q=Person&page=2")
    assert 'href="?q=Person&amp;page=3#names-title"' in html


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "a" * 10_000,
        "q=%00%00Ali%00",
        "page=%00",
        "country=%00",
        "page=-1",
        "page=1e9",
        "q=%ED%A0%80",  # a lone surrogate, badly encoded
        "q=" + "علی " * 3000,
        "q=%F0%9F%98%80",
    ],
)
def test_it_answers_odd_input_cleanly(client: Client, query: str) -> None:
    appeal = make_appeal()
    signed(appeal, 1, name="Ali Ahmadi")
    html = get(client, appeal, query)
    assert "\x00" not in html
    shown = re.search(r'name="q" value="([^"]*)"', html)
    assert shown is not None
    assert len(shown.group(1)) <= 200


def test_it_needs_as_many_queries_for_100_names_as_for_10(client: Client) -> None:
    appeal = make_appeal()
    get(client, appeal)  # the site's own first-request reads (the demo banner's) done
    counts = []
    for size in (10, 100):
        for n in range(len(Signature.objects.all()), size):
            signed(appeal, n, name=f"Person Number{n}", country="DE" if n % 2 else "FR")
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            get(client, appeal, "q=Person&country=DE")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_follows_a_name_changed_by_staff(client: Client) -> None:
    appeal = make_appeal()
    signature = signed(appeal, 1, name="Rude Name")
    signed_in(client, role="moderator")
    response = client.post(
        f"/staff/appeals/signature/{signature.pk}/change/", {"public_name": "Roya Niknam"}
    )
    assert response.status_code == 302
    client.logout()
    assert names(get(client, appeal, "q=Rude")) == []
    assert names(get(client, appeal, "q=Niknam")) == ["Roya Niknam"]


def test_it_keeps_search_keys_only_for_confirmed_signatures(client: Client) -> None:
    appeal = make_appeal()
    pending = signed(appeal, 1, name="Pending Person", confirm=False)
    assert not SignatureSearchKey.objects.filter(signature=pending).exists()
    services.signature_confirm(signature=pending)
    assert set(pending.search_keys.values_list("key", flat=True)) == {"pndnq", "prsn"}


def test_the_appeal_page_and_the_signers_page_link_to_the_list(client: Client) -> None:
    appeal = make_appeal()
    html = client.get(f"/appeals/{appeal.slug}/").content.decode()
    assert f'href="/appeals/{appeal.slug}/signatures/"' in html
    assert f'href="/appeals/{appeal.slug}/numbers/"' in html
    token = services.personal_token(signed(appeal, 1))
    personal = client.get(f"/fa/appeals/{appeal.slug}/you/{token}/").content.decode()
    assert f'href="/fa/appeals/{appeal.slug}/signatures/"' in personal

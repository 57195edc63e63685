"""Circulation in the staff area: organisers make source codes; organisers and moderators see
an appeal's counted signatures by source and by sharer (public names only, never an email),
and the embed snippets."""

import re

import pytest
from django.conf import settings
from django.test import Client

from freethem.appeals import services
from freethem.appeals.models import Appeal, Attribution, Display, Signature, SourceCode
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature, signed_in

pytestmark = pytest.mark.django_db

SOURCES = "/staff/appeals/sourcecode/"
SITE = settings.FREETHEM_SITE_URL


def brought(appeal: Appeal, via: services.Via, count: int, tag: str, **fields: object) -> None:
    """count confirmed signatures that came through via (as the sign form records them)."""
    for n in range(count):
        name = f"Friend {tag}{n}"
        signature = make_signature(appeal, email=f"{tag}{n}@example.org", name=name, **fields)
        Attribution.objects.create(
            signature=signature, share_id=via.share_id, source_id=via.source_id
        )


def circulated() -> tuple[Appeal, SourceCode]:
    """An appeal whose signatures came through an ad (3, one of them suspect), two sharers (2
    and 1) and directly (1)."""
    appeal = make_appeal()
    ad = services.source_code_create(appeal=appeal, label="Newspaper ad", code="paper-ad")
    brought(appeal, services.Via(source_id=ad.pk), 2, "ad")
    brought(appeal, services.Via(source_id=ad.pk), 1, "bot", suspect=True)
    shown = make_signature(appeal, email="ada.private@example.net", name="Ada Lovelace")
    hidden = make_signature(
        appeal, email="hidden.private@example.net", name="Secret Person", display=Display.HIDDEN
    )
    for sharer, count in ((shown, 2), (hidden, 1)):
        share = services.share_code_for(signature=sharer)
        brought(appeal, services.Via(share_id=share.pk), count, f"friend{sharer.pk}-")
    return appeal, ad


def rows(html: str, table_id: str) -> list[list[str]]:
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        found.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return found


@pytest.mark.parametrize("role", ["organiser", "moderator"])
def test_it_shows_signatures_by_source_and_by_sharer_without_emails(
    client: Client, role: str
) -> None:
    appeal, _ad = circulated()
    signed_in(client, role=role)
    html = client.get(f"{SOURCES}report/{appeal.pk}/").content.decode()
    assert rows(html, "by-source")[1:] == [
        ["Newspaper ad", "paper-ad", f"{SITE}/appeals/free-them/?via=paper-ad", "2"],
        ["Signers' share links", "", "", "3"],
        ["Direct (no code)", "", "", "2"],  # the two sharers signed directly
        ["All", "", "", "7"],
    ]
    sharers = rows(html, "top-sharers")[1:]
    assert [(name, count) for name, _code, count in sharers] == [
        ("Ada Lovelace", "2"),
        ("(name not shown)", "1"),
    ]
    assert "@example" not in html and "Secret Person" not in html and "203.0.113" not in html
    assert f'src="/appeals/{appeal.slug}/badge.svg"' in html
    for prefix in ("", "/fa"):  # the snippets in each language
        assert f"&lt;iframe src=&quot;{SITE}{prefix}/appeals/{appeal.slug}/counter/&quot;" in html
        assert f"&lt;img src=&quot;{SITE}{prefix}/appeals/{appeal.slug}/badge.svg&quot;" in html


def test_it_lets_an_organiser_make_a_source_code_random_or_chosen(client: Client) -> None:
    appeal = make_appeal()
    user = signed_in(client, role="organiser")
    form = {"appeal": appeal.pk, "code": "", "label": "Forum post", "active": "on"}
    assert client.post(f"{SOURCES}add/", form).status_code == 302
    random = SourceCode.objects.get()
    assert len(random.code) == 10 and random.created_by == user

    response = client.post(f"{SOURCES}add/", {**form, "code": "Partner-List"})
    assert response.status_code == 302
    assert SourceCode.objects.filter(code="partner-list", label="Forum post").exists()
    for bad in ("partner-list", "has space", "é-accent"):
        response = client.post(f"{SOURCES}add/", {**form, "code": bad})
        assert response.status_code == 200, bad  # the form again, with the error
    assert SourceCode.objects.count() == 2
    listing = client.get(SOURCES).content.decode()
    assert "?via=partner-list" in listing


def test_it_lets_a_moderator_read_but_not_make_source_codes(client: Client) -> None:
    appeal = make_appeal()
    signed_in(client, role="moderator")
    assert client.get(f"{SOURCES}add/").status_code == 403
    assert client.get(f"{SOURCES}report/{appeal.pk}/").status_code == 200


def test_it_links_the_report_from_the_appeals_page(client: Client) -> None:
    appeal = make_appeal()
    signed_in(client, role="organiser")
    html = client.get(f"/staff/appeals/appeal/{appeal.pk}/change/").content.decode()
    assert f'href="{SOURCES}report/{appeal.pk}/"' in html


def test_it_counts_the_share_links_of_a_sharer_who_withdrew(client: Client) -> None:
    appeal, _ad = circulated()
    sharer = Signature.objects.get(email_hash=services.email_hash("ada.private@example.net"))
    services.signature_withdraw(signature=sharer)
    signed_in(client, role="organiser")
    html = client.get(f"{SOURCES}report/{appeal.pk}/").content.decode()
    assert ["Signers' share links", "", "", "3"] in rows(html, "by-source")
    sharers = rows(html, "top-sharers")[1:]
    assert [(name, count) for name, _code, count in sharers] == [("(name not shown)", "1")]

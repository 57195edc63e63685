"""The files at the site's root that browsers and crawlers ask for without a link: the
favicon in both forms, robots.txt and the sitemap, and the picture of shared links."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from freethem.appeals.models import AppealState
from freethem.appeals.tests.factories import make_appeal
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import Publication
from freethem.urls import STAFF_PREFIX

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE = settings.FREETHEM_SITE_URL


def test_it_serves_favicon_ico_as_an_icon_of_several_sizes(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]


def test_it_serves_the_svg_favicon_and_every_page_links_both(client: Client) -> None:
    response = client.get("/favicon.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(response.content)  # noqa: S314 - the site's own file
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "#a3121b" in response.content.decode()  # the campaign's red
    for path in ["/", "/fa/prisoners/"]:
        html = client.get(path).content.decode()
        assert '<link rel="icon" href="/favicon.ico"' in html
        assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in html


def test_it_serves_the_share_picture_as_a_1200_by_630_png(client: Client) -> None:
    response = client.get("/share.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    picture = Image.open(io.BytesIO(response.content))
    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    assert picture.convert("RGB").getpixel((10, 10)) == (0xA3, 0x12, 0x1B)


def test_it_asks_robots_to_leave_the_staff_area_and_signers_links_alone(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for prefix in ["/", "/fa/"]:
        assert f"Disallow: {prefix}{STAFF_PREFIX}" in lines
        assert f"Disallow: {prefix}appeals/*/confirm/" in lines
        assert f"Disallow: {prefix}appeals/*/you/" in lines
    assert "Allow: /" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert not [line for line in lines if line in {"Disallow: /", "Disallow: /fa/"}]


def sitemap(client: Client) -> dict[str, dict[str, str]]:
    """Each address in /sitemap.xml with its alternates ({language: address})."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 - parses, or the test fails here
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        entries[url.findtext(f"{SITEMAP}loc")] = alternates
    return entries


def test_it_lists_the_public_pages_in_both_languages_with_their_alternates(
    client: Client,
) -> None:
    make_person(slug="shown")
    make_appeal(slug="open-one")
    entries = sitemap(client)
    for path in [
        "/",
        "/privacy/",
        "/prisoners/",
        "/prisoners/stats/",
        "/prisoners/shown/",
        "/appeals/",
        "/appeals/open-one/",
    ]:
        english, persian = f"{SITE}{path}", f"{SITE}/fa{path}"
        assert english in entries and persian in entries, path
        assert entries[english] == entries[persian] == {"en": english, "fa": persian}
    assert all(address.startswith(f"{SITE}/") for address in entries)


def test_it_never_lists_an_unpublished_person_a_draft_appeal_or_the_staff_area(
    client: Client,
) -> None:
    make_person(slug="draft-person", publication=Publication.DRAFT)
    make_person(slug="review-person", publication=Publication.REVIEW)
    make_appeal(slug="draft-appeal", state=AppealState.DRAFT)
    make_appeal(slug="closed-appeal", state=AppealState.CLOSED)
    addresses = " ".join(sitemap(client))
    assert "draft-person" not in addresses and "review-person" not in addresses
    assert "draft-appeal" not in addresses
    assert "/appeals/closed-appeal/" in addresses  # closed, but still public
    assert STAFF_PREFIX not in addresses

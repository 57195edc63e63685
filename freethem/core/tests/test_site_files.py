"""The files at the site's root that browsers ask for without a link: the favicon in both
forms, and the picture of shared links."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


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

"""Open Graph and Twitter card tags, so that a shared link previews well: the home page,
the appeals and the prisoners' profiles, with a picture the site serves itself."""

import html
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from freethem.appeals.tests.factories import make_appeal
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import PhotoVisibility

pytestmark = pytest.mark.django_db

SITE = settings.FREETHEM_SITE_URL


def tags(page: str) -> dict[str, list[str]]:
    """The page's <meta property|name=... content=...> tags, by property or name."""
    found: dict[str, list[str]] = {}
    for key, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', page):
        found.setdefault(key, []).append(html.unescape(content))
    return found


def meta(client: Client, path: str) -> dict[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    found = tags(response.content.decode())
    return {key: values[0] if len(values) == 1 else values for key, values in found.items()}


def fetch_image(client: Client, url: str) -> Image.Image:
    """The picture at url, fetched from this site: it must be the site's own address."""
    assert url.startswith(f"{SITE}/")
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return Image.open(io.BytesIO(content))


def test_the_home_page_previews_with_the_sites_own_picture(client: Client) -> None:
    found = meta(client, "/")
    assert found["og:title"] == found["twitter:title"] == "Free Iran's political prisoners now"
    assert found["og:description"].startswith("A campaign to free Iran's political prisoners")
    assert found["og:url"] == f"{SITE}/"
    assert found["og:image"] == found["twitter:image"] == f"{SITE}/share.png"
    assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")
    assert found["og:image:alt"]
    assert (found["og:locale"], found["og:locale:alternate"]) == ("en_GB", "fa_IR")
    assert found["twitter:card"] == "summary_large_image"
    picture = fetch_image(client, found["og:image"])
    assert (picture.format, picture.size) == ("PNG", (1200, 630))


def test_the_persian_home_page_previews_in_persian(client: Client) -> None:
    found = meta(client, "/fa/")
    assert found["og:title"] == "همین حالا زندانیان سیاسی ایران را آزاد کنید"
    assert found["og:url"] == f"{SITE}/fa/"
    assert (found["og:locale"], found["og:locale:alternate"]) == ("fa_IR", "en_GB")
    assert found["og:image"] == f"{SITE}/share.png"


@pytest.mark.parametrize(
    ("prefix", "title"), [("", "Appeal free-them"), ("/fa", "درخواست free-them")]
)
def test_an_appeal_previews_with_its_title_and_text(
    client: Client, prefix: str, title: str
) -> None:
    make_appeal(slug="free-them")
    found = meta(client, f"{prefix}/appeals/free-them/")
    assert found["og:title"] == title
    assert found["og:description"] in {"Free them.", "آزادشان کنید."}
    assert found["og:url"] == f"{SITE}{prefix}/appeals/free-them/"
    assert found["og:image"] == f"{SITE}/share.png"
    assert meta(client, f"{prefix}/appeals/")["og:url"] == f"{SITE}{prefix}/appeals/"


@pytest.fixture
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def with_photo(visibility: str, slug: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), "navy").save(buffer, "PNG")
    person = make_person(slug=slug, photo_visibility=visibility, summary_en="Held since 2022.")
    person.photo.save("face.png", ContentFile(buffer.getvalue()))


def test_a_profile_previews_with_the_persons_public_photo(client: Client, media: Path) -> None:
    with_photo(PhotoVisibility.PUBLIC, "shown")
    found = meta(client, "/prisoners/shown/")
    assert found["og:title"].startswith("Person ")
    assert found["og:description"] == "Held since 2022."
    assert found["og:image"].startswith(f"{SITE}/prisoners/shown/photo?v=")
    assert "og:image:width" not in found  # the photo's own size, not the site picture's
    assert fetch_image(client, found["og:image"]).size == (300, 400)


def test_a_profile_without_a_public_photo_previews_with_the_site_picture(
    client: Client, media: Path
) -> None:
    with_photo(PhotoVisibility.STAFF, "staff-photo")
    found = meta(client, "/fa/prisoners/staff-photo/")
    assert found["og:image"] == f"{SITE}/share.png"
    assert found["og:url"] == f"{SITE}/fa/prisoners/staff-photo/"

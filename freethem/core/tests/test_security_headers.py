import pytest
from django.conf import settings
from django.test import Client

from freethem.core.models import WORKER_HEARTBEAT
from freethem.core.services import heartbeat_beat
from freethem.core.testing.pages import public_downloads, public_paths

pytestmark = pytest.mark.django_db

PAGES = [*public_paths(), *public_downloads(), "/staff/login/", "/healthz"]


@pytest.mark.parametrize("path", PAGES)
def test_it_sends_the_security_headers_on_every_page(client: Client, path: str) -> None:
    heartbeat_beat(name=WORKER_HEARTBEAT)  # else /healthz answers 503 (no worker)
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp  # no other host, ever
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", public_paths())
def test_it_has_no_inline_script_or_style_and_names_no_other_host(
    client: Client, path: str
) -> None:
    html = client.get(path).content.decode()
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    # Link previews need absolute addresses (og:url, og:image): the site's own, and no other.
    html = html.replace(f'"{settings.FREETHEM_SITE_URL}/', '"/')
    assert "http://" not in html and "https://" not in html and 'src="//' not in html


def test_it_blocks_framing_of_the_staff_area(client: Client) -> None:
    assert client.get("/staff/login/")["X-Frame-Options"] == "DENY"

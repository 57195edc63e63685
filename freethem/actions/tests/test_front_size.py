"""The front page stays fast on a phone: its HTML and the stylesheets it links weigh under
60 KB in each language (fonts and images aside), with the demo data loaded and every section
full."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from freethem.actions.models import Update, UrgentAction
from freethem.actions.tests.factories import make_update, make_urgent_action
from freethem.actions.vocab import UpdateKind

pytestmark = pytest.mark.django_db

LIMIT = 60 * 1024
LONG_TITLE = "A long headline that runs over two lines on a phone, as real headlines do " * 2


def weight(client: Client, path: str) -> tuple[int, int]:
    """The bytes of the page's HTML, and of the stylesheets it links (read from the files)."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    css = 0
    for href in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html):
        found = finders.find(href)
        assert found, href
        with open(found, "rb") as stylesheet:
            css += len(stylesheet.read())
    return len(response.content), css


@pytest.mark.slow  # the demo data takes a few seconds to load
def test_it_weighs_under_60_kb_in_each_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        UrgentAction, "get_absolute_url", lambda self: f"/urgent-actions/{self.slug}/"
    )
    monkeypatch.setattr(Update, "get_absolute_url", lambda self: f"/updates/{self.slug}/")
    call_command("loaddemo", stdout=io.StringIO())
    # Every list full, with long titles, whatever the demo data of each part holds.
    for _ in range(3):
        make_urgent_action(title_en=LONG_TITLE, title_fa=LONG_TITLE)
        make_update(title_en=LONG_TITLE, title_fa=LONG_TITLE, kind=UpdateKind.STATEMENT)
    client = Client()
    for path in ("/", "/fa/"):
        html, css = weight(client, path)
        assert css > 0
        assert html + css < LIMIT, f"{path}: {html} bytes of HTML + {css} of CSS"

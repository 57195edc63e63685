"""/sitemap.xml lists the protest tracker's pages and every published record, in both
languages, and no record that is not public."""

import pytest
from django.test import Client

from freethem.core.tests.test_site_files import SITE, sitemap
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import State

pytestmark = pytest.mark.django_db


def test_it_lists_the_pages_and_the_published_records(client: Client) -> None:
    shown = make_protest()
    hidden = [make_protest(state=state) for state in (State.DRAFT, State.REVIEW, State.ARCHIVED)]
    entries = sitemap(client)
    for path in [
        "/protests/",
        "/protests/stats/",
        "/protests/map/",
        f"/protests/{shown.event_id}/",
    ]:
        assert f"{SITE}{path}" in entries and f"{SITE}/fa{path}" in entries, path
    for protest in hidden:
        assert not [address for address in entries if f"/{protest.event_id}/" in address]

"""The demo updates: one of each kind and a news item with a video, in both languages, linked
to the demo prisoners, appeal and events, loaded once, and mailing nobody."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from freethem.actions.demo import updates as demo
from freethem.actions.models import Update
from freethem.actions.vocab import UpdateKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


@pytest.mark.slow  # loads every app's demo (~4 s)
def test_it_loads_every_kind_in_both_languages_once(client: Client) -> None:
    call_command("loaddemo", stdout=io.StringIO())
    updates = Update.objects.public()
    assert {update.kind for update in updates} == set(UpdateKind.values)
    assert all(update.is_demo and update.title_fa and update.body_fa for update in updates)
    assert all(update.followers_mailed_at for update in updates)
    assert Update.objects.filter(prisoners__slug="narges-mohammadi").exists()
    assert Update.objects.filter(appeals__slug=demo.APPEAL_SLUG).exists()
    assert Update.objects.filter(events__slug="demo-vigil-toronto").exists()
    assert demo.load() == "Demo updates already loaded."
    assert Update.objects.count() == len(demo.UPDATES)
    page = client.get("/fa/updates/demo-vigil-video/").content.decode()
    assert "youtube.com" in page and "<iframe" not in page
    assert "شمع برای زندانیان" in client.get("/fa/prisoners/sepideh-gholian/").content.decode()

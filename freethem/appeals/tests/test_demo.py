"""The demo appeal reads like a campaign's own; the demo banner, not its title, says it is one."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.html import escape

from freethem.appeals import demo
from freethem.appeals.models import Appeal, Signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal() -> Appeal:
    call_command("loaddemo", stdout=io.StringIO())
    return Appeal.objects.get(slug=demo.SLUG)


def test_its_title_and_text_do_not_say_demo(appeal: Appeal, client: Client) -> None:
    assert (appeal.title_en, appeal.title_fa) == (demo.TITLE_EN, demo.TITLE_FA)
    for text in (appeal.title_en, appeal.text_en):
        assert "demo" not in text.lower()
    for text in (appeal.title_fa, appeal.text_fa):
        assert "نمونه" not in text
    english = client.get(f"/appeals/{appeal.slug}/").text
    assert f"<title>{escape(demo.TITLE_EN)} · freethem</title>" in english
    assert 'class="message demo-banner"' in english
    assert 'class="message demo-banner"' in client.get(f"/fa/appeals/{appeal.slug}/").text


def test_loading_it_twice_duplicates_nothing(appeal: Appeal) -> None:
    assert demo.load() == "Demo appeal already loaded."
    assert Appeal.objects.count() == 1
    assert Signature.objects.count() == len(demo.SIGNERS)


def test_it_takes_demo_out_of_the_title_and_text_of_an_earlier_demo_once(appeal: Appeal) -> None:
    Appeal.objects.filter(pk=appeal.pk).update(
        title_en=demo.OLD_TITLES["title_en"],
        title_fa=demo.OLD_TITLES["title_fa"],
        text_en=appeal.text_en + demo.OLD_NOTES["text_en"],
        text_fa=appeal.text_fa + demo.OLD_NOTES["text_fa"],
    )
    assert "no longer says (demo)" in demo.load()
    appeal.refresh_from_db()
    assert (appeal.title_en, appeal.title_fa) == (demo.TITLE_EN, demo.TITLE_FA)
    assert "Demo text" not in appeal.text_en and "متن نمونه" not in appeal.text_fa
    assert demo.load() == "Demo appeal already loaded."
    assert Signature.objects.count() == len(demo.SIGNERS)


def test_it_leaves_a_title_an_organiser_changed_alone(appeal: Appeal) -> None:
    Appeal.objects.filter(pk=appeal.pk).update(title_en="Our own title (demo)")
    assert demo.load() == "Demo appeal already loaded."
    appeal.refresh_from_db()
    assert appeal.title_en == "Our own title (demo)"


def test_it_says_when_the_site_holds_the_demo_appeal(appeal: Appeal) -> None:
    assert demo.loaded()
    appeal.delete()
    assert not demo.loaded()

"""The demo protests: three months across provinces and groups, solidarity abroad, a wave,
links to the demo prisoners; marked as demo, and loaded once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from freethem.prisoners import demo as prisoners_demo
from freethem.protests import demo
from freethem.protests.models import Protest
from freethem.protests.vocab import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    prisoners_demo.load()
    assert demo.load() == f"Loaded {len(demo.PROTESTS)} demo protests."


@pytest.mark.usefixtures("loaded")
def test_it_loads_three_months_of_protests_across_provinces_and_groups() -> None:
    published = Protest.objects.published()
    today = timezone.localdate()
    assert published.count() >= 30 and Protest.objects.filter(state=State.DRAFT).count() == 2
    assert all(today - timedelta(days=92) <= p.date <= today for p in Protest.objects.all())
    assert published.inside().values("province").distinct().count() >= 20
    assert published.values("groups__slug").distinct().count() >= 10
    assert published.abroad().values("country").distinct().count() >= 5
    assert all(p.sources.exists() for p in published)
    assert not Protest.objects.filter(is_demo=False).exists()


@pytest.mark.usefixtures("loaded")
def test_it_links_a_wave_and_the_demo_prisoners() -> None:
    wave = Protest.objects.exclude(wave=None).order_by().values_list("wave__code", "date")
    wave = wave.distinct()
    assert len(wave) == 1 and Protest.objects.filter(wave__isnull=False).count() == 7
    assert Protest.objects.filter(prisoners__slug="narges-mohammadi").count() >= 2


@pytest.mark.usefixtures("loaded")
def test_it_cites_sources_on_example_org_only() -> None:
    urls = Protest.objects.values_list("sources__url", flat=True)
    assert all(url is None or url.startswith("https://example.org/") for url in urls)


@pytest.mark.usefixtures("loaded")
def test_it_duplicates_nothing_when_loaded_twice() -> None:
    assert demo.loaded()
    assert demo.load() == "Demo protests already loaded."
    assert Protest.objects.count() == len(demo.PROTESTS)

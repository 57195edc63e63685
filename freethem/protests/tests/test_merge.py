"""ACLED's rule, one record per place per day: duplicates found and merged."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from reversion.models import Version

from freethem.core.models import AuditEntry
from freethem.core.tests.factories import staff_user
from freethem.prisoners.tests.factories import make_person
from freethem.protests import services
from freethem.protests.models import Protest, Wave
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

pytestmark = pytest.mark.django_db


def two_reports() -> tuple[Protest, Protest]:
    """One protest of retirees in Ahvaz reported twice, with different figures."""
    place = {"province": Province.KHUZESTAN, "location": "Ahvaz", "date": date(2026, 10, 4)}
    first = make_protest(
        groups=("retirees",), sources=("HRANA",), fatalities=2, deaths=2, arrests=10,
        size_low=200, size_high=300, size_text="hundreds", claims="for higher pensions",
        notes="Retirees gathered outside the governorate.", **place,
    )  # fmt: skip
    second = make_protest(
        groups=("workers",), sources=("Hengaw", "HRANA"), fatalities=1, deaths=None, arrests=4,
        size_low=150, size_high=500, size_text="about 500", state=State.DRAFT,
        claims="for higher pensions\nagainst arrests of retirees",
        notes="Steel workers joined the retirees.", **{**place, "location": " AHVAZ "},
    )  # fmt: skip
    return first, second


def test_it_finds_same_day_same_place_reports_as_duplicates() -> None:
    first, second = two_reports()
    make_protest(province=Province.KHUZESTAN, location="Ahvaz", date=date(2026, 10, 5))
    make_protest(province=Province.KHUZESTAN, location="Abadan", date=date(2026, 10, 4))
    assert services.protest_duplicates() == [[first, second]]


def test_it_merges_two_same_day_same_place_reports_keeping_the_lowest_fatalities() -> None:
    first, second = two_reports()
    user = staff_user(username="researcher1", role="researcher")
    kept = services.protests_merge(into=first, others=[second], by=user)
    kept.refresh_from_db()
    second.refresh_from_db()
    assert (kept.fatalities, kept.deaths, kept.arrests) == (1, 2, 4)
    assert (kept.size_low, kept.size_high, kept.size_text) == (150, 500, "hundreds; about 500")
    assert kept.claims == "for higher pensions\nagainst arrests of retirees"
    assert sorted(kept.sources.values_list("name", flat=True)) == ["HRANA", "Hengaw"]
    assert set(kept.groups.values_list("slug", flat=True)) == {"retirees", "workers"}
    assert f"[{second.event_id}] Steel workers joined" in kept.notes
    assert (second.state, second.merged_into) == (State.ARCHIVED, kept)
    assert list(Protest.objects.published()) == [kept]
    entry = AuditEntry.objects.get(action="merge protests")
    assert (entry.username, entry.detail) == ("researcher1", f"absorbed {second.event_id}")


def test_it_unites_prisoners_and_fills_in_the_wave() -> None:
    first, second = two_reports()
    person = make_person()
    wave = Wave.objects.create(code="pensions-day", name_en="Pensions day")
    second.prisoners.add(person)
    second.wave = wave
    second.save()
    services.protests_merge(into=first, others=[second], by=None)
    first.refresh_from_db()
    assert (list(first.prisoners.all()), first.wave) == ([person], wave)


def test_it_publishes_the_kept_record_when_an_absorbed_one_was_published() -> None:
    first, second = two_reports()
    Protest.objects.filter(pk=first.pk).update(state=State.DRAFT)
    Protest.objects.filter(pk=second.pk).update(state=State.PUBLISHED)
    first.refresh_from_db()
    services.protests_merge(into=first, others=[second], by=None)
    assert list(Protest.objects.published()) == [first]


def test_it_refuses_records_of_another_day_and_leaves_them_as_they_were() -> None:
    first, second = two_reports()
    other_day = make_protest(province=Province.KHUZESTAN, location="Ahvaz", date=date(2026, 10, 5))
    with pytest.raises(ValidationError, match=other_day.event_id):
        services.protests_merge(into=first, others=[second, other_day], by=None)
    second.refresh_from_db()
    assert (second.state, second.merged_into) == (State.DRAFT, None)
    assert first.sources.count() == 1


def test_it_refuses_to_merge_a_record_twice() -> None:
    first, second = two_reports()
    services.protests_merge(into=first, others=[second], by=None)
    with pytest.raises(ValidationError):
        services.protests_merge(into=first, others=[second], by=None)
    with pytest.raises(ValidationError):
        services.protest_to_draft(protest=second, by=None)


def test_it_undoes_a_merge_by_reverting_the_revision_taken_before_it() -> None:
    first, second = two_reports()
    services.protests_merge(into=first, others=[second], by=None)
    before = Version.objects.get_for_object(first)[1]  # the newest first: the merge, then before
    before.revision.revert(delete=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.fatalities, first.size_high, first.sources.count()) == (2, 300, 1)
    assert list(first.groups.values_list("slug", flat=True)) == ["retirees"]
    assert (second.state, second.merged_into) == (State.DRAFT, None)


def test_it_undoes_a_merge_from_an_absorbed_record() -> None:
    first, second = two_reports()
    user = staff_user(username="researcher1", role="researcher")
    services.protests_merge(into=first, others=[second], by=user)
    kept = services.protests_unmerge(absorbed=second, by=user)
    second.refresh_from_db()
    assert kept == first
    assert (kept.fatalities, kept.size_low, kept.size_high, kept.sources.count()) == (
        2,
        200,
        300,
        1,
    )
    assert (second.state, second.merged_into, second.fatalities) == (State.DRAFT, None, 1)
    assert list(Protest.objects.published()) == [first]
    entry = AuditEntry.objects.get(action="undo a merge of protests")
    assert entry.detail == f"restored {second.event_id}"


def test_it_refuses_to_undo_a_merge_when_the_kept_record_changed_since() -> None:
    first, second = two_reports()
    services.protests_merge(into=first, others=[second], by=None)
    services.protest_update(protest=first, by=None, arrests=12)
    with pytest.raises(ValidationError, match="changed since the merge"):
        services.protests_unmerge(absorbed=second, by=None)
    first.refresh_from_db()
    assert first.arrests == 12 and first.sources.count() == 2


def test_it_finds_a_town_written_differently_and_says_whose_persian_notes_it_took() -> None:
    day = {"province": Province.TEHRAN, "date": date(2026, 10, 9)}
    first = make_protest(location="Eslamshahr", **day)
    second = make_protest(location="  eslamshahr", notes_fa="کارگران هم آمدند.", **day)
    assert services.protest_duplicates() == [[first, second]]
    services.protests_merge(into=first, others=[second], by=None)
    first.refresh_from_db()
    assert first.notes_fa == f"[{second.event_id}] کارگران هم آمدند."

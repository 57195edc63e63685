"""Protest records: our ids, the states and the rules of publication."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django_countries import countries

from freethem.core.tests.factories import staff_user
from freethem.protests import services
from freethem.protests.models import Protest
from freethem.protests.services import records
from freethem.protests.services.records import ACLED_ID, NO_SOURCE
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

pytestmark = pytest.mark.django_db

FIELDS = {
    "date": date(2026, 10, 3),
    "actor1": "Protesters (Iran)",
    "province": Province.KHUZESTAN,
    "location": "Ahvaz",
}


def test_it_gives_our_records_ids_of_our_own_after_the_highest() -> None:
    make_protest(event_id="FTIRN41")
    make_protest(event_id="FTIRN9")
    first = services.protest_create(by=None, **FIELDS)
    abroad = services.protest_create(
        by=None, date=date(2026, 10, 3), actor1="Protesters (United Kingdom)",
        country="GB", admin1="England", location="London",
    )  # fmt: skip
    assert (first.event_id, abroad.event_id) == ("FTIRN42", "FTGBR1")


def test_it_never_gives_an_id_acled_could_give() -> None:
    acled = make_protest(event_id="IRN1234")
    ours = services.protest_create(by=None, **FIELDS)
    every_prefix = {services.id_prefix(code) for code, _name in countries}
    assert ACLED_ID.match(acled.event_id) and not ACLED_ID.match(ours.event_id)
    assert not any(ACLED_ID.match(f"{prefix}1") for prefix in every_prefix)
    assert all(re.fullmatch(r"FT[A-Z]{3,4}", prefix) for prefix in every_prefix)
    assert services.is_ours(ours.event_id) and not services.is_ours(acled.event_id)


def test_it_refuses_to_publish_a_record_without_a_source_in_the_page_language() -> None:
    protest = services.protest_create(by=None, **FIELDS)
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        services.protest_publish(protest=protest, by=None)
    with translation.override("fa"):
        assert refused.value.messages == [translation.gettext(NO_SOURCE)]
    protest.refresh_from_db()
    assert protest.state == State.DRAFT


def test_it_publishes_a_record_that_cites_a_source() -> None:
    protest = services.protest_create(by=None, sources=[{"name": "HRANA"}], **FIELDS)
    services.protest_submit(protest=protest, by=None)
    services.protest_publish(protest=protest, by=None)
    assert Protest.objects.published().get() == protest


def test_it_refuses_review_or_publication_without_a_province_inside_iran() -> None:
    protest = services.protest_create(
        by=None, sources=[{"name": "HRANA"}], **{**FIELDS, "province": ""}
    )
    for move in (services.protest_submit, services.protest_publish):
        with pytest.raises(ValidationError, match="province"):
            move(protest=protest, by=None)


def test_it_refuses_to_create_a_published_record_without_a_source() -> None:
    with pytest.raises(ValidationError):
        services.protest_create(by=None, state=State.PUBLISHED, **FIELDS)
    assert not Protest.objects.exists()


def test_it_keeps_a_published_record_publishable_when_it_changes() -> None:
    protest = make_protest()
    with pytest.raises(ValidationError):
        services.protest_update(protest=protest, by=None, province="")
    services.protest_update(protest=protest, by=None, size_low=200, size_high=300)
    protest.refresh_from_db()
    assert (protest.province, protest.size_high) == (Province.TEHRAN, 300)


def test_it_archives_and_brings_back_to_draft() -> None:
    protest = make_protest()
    services.protest_archive(protest=protest, by=None)
    assert not Protest.objects.published().exists()
    services.protest_to_draft(protest=protest, by=None)
    protest.refresh_from_db()
    assert protest.state == State.DRAFT


def test_it_keeps_the_lowest_fatalities_reported() -> None:
    assert services.lowest_reported(3, None, 1, 2) == 1
    assert services.lowest_reported(None) is None


def test_it_lets_researchers_change_records_but_not_moderators() -> None:
    protest = make_protest(state=State.DRAFT)
    moderator = staff_user(username="moderator1", role="moderator")
    with pytest.raises(PermissionDenied):
        services.protest_publish(protest=protest, by=moderator)
    researcher = staff_user(username="researcher1", role="researcher")
    services.protest_publish(protest=protest, by=researcher)
    assert protest.state == State.PUBLISHED


def test_it_draws_another_id_when_one_is_taken_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = make_protest(event_id="FTIRN1")
    drawn = iter(["FTIRN1", "FTIRN2"])  # the first as a second session would have drawn it
    monkeypatch.setattr(records, "next_event_id", lambda country: next(drawn))
    monkeypatch.setattr(Protest, "validate_unique", lambda self, exclude=None: None)
    protest = services.protest_create(by=None, sources=iter([{"name": "HRANA"}]), **FIELDS)
    assert (protest.event_id, protest.sources.count()) == ("FTIRN2", 1)
    assert taken.event_id == "FTIRN1"

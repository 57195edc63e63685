"""/prisoners/<slug>/: a person's profile, status, sentence, cases and sourced timeline."""

import datetime
import re

import pytest
from django.test import Client

from freethem.core.dates import Calendar, Precision
from freethem.prisoners.tests.factories import (
    make_case,
    make_category,
    make_charge,
    make_event,
    make_person,
    make_prison,
    make_sentence,
    make_source,
)
from freethem.prisoners.vocab import (
    CustodyStatus,
    EventKind,
    LawyerAccess,
    Publication,
    SentenceKind,
    Verification,
)

pytestmark = pytest.mark.django_db


def get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, title_id: str) -> str:
    """The HTML of the <section> headed by the element with this id."""
    found = re.search(rf'<section aria-labelledby="{title_id}".*?</section>', html, re.S)
    assert found, f"no section {title_id}"
    return found.group(0)


def timeline_items(html: str) -> list[str]:
    return re.findall(r'<li class="event .*?</li>\s*(?=<li class="event|</ol>)', html, re.S)


@pytest.fixture
def nasrin() -> object:
    evin = make_prison(name_en="Evin Prison", name_fa="زندان اوین", city_en="Tehran")
    person = make_person(
        slug="nasrin-sotoudeh",
        name_latin="Nasrin Sotoudeh",
        name_fa="نسرین ستوده",
        other_names=["Nasrin Sotudeh"],
        categories=[make_category(name_en="Lawyer")],
        current_prison=evin,
        custody_status=CustodyStatus.SERVING,
        summary_en="Human rights lawyer.",
        summary_fa="وکیل حقوق بشر.",
        occupation_en="Lawyer",
        citizenships=["IR"],
        designated_political_prisoner=True,
        designated_by="Amnesty International",
        verification=Verification.VERIFIED,
    )
    case = make_case(
        person,
        arrested_on=datetime.date(2018, 6, 13),
        arrest_place_en="her home in Tehran",
        held_incommunicado=True,
        charges=[make_charge(name_en="Assembly and collusion", article="610")],
        court_branch="28",
        lawyer_access=LawyerAccess.DENIED,
        prison=evin,
    )
    make_sentence(case, kind=SentenceKind.PRISON, imposed=33 * 12, enforceable=12 * 12)
    make_sentence(case, kind=SentenceKind.LASHES, imposed=148)
    return person


def test_it_shows_the_person_in_both_scripts_with_their_other_spellings(
    client: Client, nasrin: object
) -> None:
    english = get(client, "/prisoners/nasrin-sotoudeh/")
    assert '<h1 lang="en" dir="ltr">Nasrin Sotoudeh</h1>' in english
    assert '<p class="other-script"><span lang="fa" dir="rtl">نسرین ستوده</span></p>' in english
    assert '<span lang="en" dir="ltr">Nasrin Sotudeh</span>' in english
    assert "Human rights lawyer." in english
    assert "Iran" in section(english, "person-title")

    persian = get(client, "/fa/prisoners/nasrin-sotoudeh/")
    assert '<h1 lang="fa" dir="rtl">نسرین ستوده</h1>' in persian
    assert "وکیل حقوق بشر." in persian
    assert "زندان اوین" in persian


def test_it_shows_the_status_on_its_three_axes(client: Client, nasrin: object) -> None:
    status = section(get(client, "/prisoners/nasrin-sotoudeh/"), "status-title")
    assert "serving a sentence" in status
    assert "Evin Prison" in status
    assert (
        'Designated a political prisoner by <bdi lang="en" dir="ltr">Amnesty International</bdi>'
        in status
    )
    assert "verified" in status


def test_it_adds_up_the_sentence_in_years_and_lashes(client: Client, nasrin: object) -> None:
    english = section(get(client, "/prisoners/nasrin-sotoudeh/"), "sentence-title")
    assert '<dd class="imposed">33 years</dd>' in english
    assert '<dd class="enforceable">12 years</dd>' in english
    assert '<dd class="lashes">148</dd>' in english

    persian = section(get(client, "/fa/prisoners/nasrin-sotoudeh/"), "sentence-title")
    assert "۳۳" in persian
    assert '<dd class="lashes">۱۴۸</dd>' in persian


def test_it_adds_up_terms_over_several_cases_and_says_when_the_enforceable_part_is_unknown(
    client: Client,
) -> None:
    person = make_person(slug="two-cases")
    make_sentence(make_case(person), imposed=60, enforceable=60)
    make_sentence(make_case(person), imposed=68)  # enforceable part not known
    totals = section(get(client, "/prisoners/two-cases/"), "sentence-title")
    assert '<dd class="imposed">10 years and 8 months</dd>' in totals
    assert '<dd class="enforceable">not known</dd>' in totals
    assert "lashes" not in totals


def test_it_shows_each_case_with_its_charges_court_and_lawyer(
    client: Client, nasrin: object
) -> None:
    cases = section(get(client, "/prisoners/nasrin-sotoudeh/"), "cases-title")
    assert "her home in Tehran" in cases
    assert "Held without contact with family or lawyer" in cases
    assert "Assembly and collusion" in cases
    assert "Islamic Penal Code, article 610" in cases
    assert "lawyer denied" in cases
    assert "Prison term: 33 years (12 years enforceable)" in cases
    assert "Lashes: 148 lashes" in cases


def test_it_shows_the_timeline_in_date_order_with_sources(client: Client) -> None:
    person = make_person(slug="timeline")
    source = make_source(title="Amnesty report", url="https://example.org/report")
    make_event(
        person,
        kind=EventKind.TRANSFER,
        occurred_on=datetime.date(2021, 5, 2),
        sources=[source],
        description_en="Moved to Qarchak.",
    )
    make_event(
        person,
        kind=EventKind.ARREST,
        occurred_on=datetime.date(2020, 1, 1),
        sources=[make_source(title="Family statement", url="")],
    )
    html = get(client, "/prisoners/timeline/")
    events = timeline_items(html)
    assert [re.search(r'class="kind">(.*?)<', e).group(1) for e in events] == ["Arrest", "Transfer"]
    assert '<a href="https://example.org/report" rel="noopener noreferrer nofollow"' in events[1]
    assert "Amnesty report" in events[1]
    assert "Moved to Qarchak." in events[1]
    assert "Family statement" in events[0]
    assert "Unverified" not in html


def test_it_marks_an_event_without_a_source_unverified(client: Client) -> None:
    person = make_person(slug="unsourced")
    make_event(
        person, kind=EventKind.HUNGER_STRIKE, occurred_on=datetime.date(2022, 2, 2), sources=[]
    )
    make_event(person, kind=EventKind.ARREST, occurred_on=datetime.date(2021, 1, 1))
    arrest, strike = timeline_items(get(client, "/prisoners/unsourced/"))
    assert "Unverified" not in arrest
    assert '<strong class="badge">Unverified</strong>' in strike
    assert "No source is recorded for this event." in strike


def test_it_never_shows_a_day_the_source_did_not_give(client: Client) -> None:
    person = make_person(slug="month-only")
    make_event(person, occurred_on=datetime.date(2020, 10, 1), precision=Precision.MONTH)
    event = timeline_items(get(client, "/prisoners/month-only/"))[0]
    assert '<time class="when" datetime="2020-10">' in event
    assert "October 2020" in event
    assert not re.search(r"\b1 October|October 1\b", event)


def test_it_shows_a_solar_hijri_month_on_persian_pages_without_a_day(client: Client) -> None:
    person = make_person(slug="jalali-month")
    make_event(
        person,
        occurred_on=datetime.date(2020, 10, 22),
        precision=Precision.MONTH,
        occurred_on_calendar=Calendar.JALALI,
        occurred_on_text="آبان ۱۳۹۹",
    )
    event = timeline_items(get(client, "/fa/prisoners/jalali-month/"))[0]
    assert "آبان" in event
    assert "۱۳۹۹" in event
    assert '<time class="when">' in event  # Aban straddles October and November


def test_it_offers_what_a_visitor_can_do(client: Client, nasrin: object) -> None:
    act = section(get(client, "/prisoners/nasrin-sotoudeh/"), "act-title")
    assert 'value="http://testserver/prisoners/nasrin-sotoudeh/" readonly' in act
    assert "Write a letter" in act


@pytest.mark.parametrize("publication", [Publication.DRAFT, Publication.REVIEW])
def test_it_hides_an_unpublished_person(client: Client, publication: str) -> None:
    make_person(slug="hidden", publication=publication)
    assert client.get("/prisoners/hidden/").status_code == 404
    assert client.get("/fa/prisoners/hidden/").status_code == 404


def test_it_answers_404_for_no_one(client: Client) -> None:
    assert client.get("/prisoners/nobody/").status_code == 404


def test_it_needs_a_fixed_number_of_queries_however_long_the_record(
    client: Client, django_assert_max_num_queries: object
) -> None:
    person = make_person(
        slug="long", categories=[make_category(), make_category()], other_names=["A", "B"]
    )
    for year in range(2010, 2016):
        case = make_case(
            person,
            arrested_on=datetime.date(year, 1, 1),
            charges=[make_charge(), make_charge()],
            sources=[make_source()],
        )
        make_sentence(case)
        make_sentence(case, kind=SentenceKind.LASHES, imposed=10)
        make_event(person, occurred_on=datetime.date(year, 2, 1), prison=make_prison())
    # A running site has read what every page shows (the demo banner's check, one query per
    # app) within the last half minute; counted here is what this page asks for.
    client.get("/privacy/")
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        get(client, "/prisoners/long/")


def test_it_puts_an_undated_event_last_and_says_its_date_is_unknown(client: Client) -> None:
    person = make_person(slug="undated")
    make_event(person, kind=EventKind.LETTER)
    make_event(person, kind=EventKind.ARREST, occurred_on=datetime.date(2021, 1, 1))
    arrest, letter = timeline_items(get(client, "/prisoners/undated/"))
    assert "Arrest" in arrest
    assert "Letter from prison" in letter
    assert '<time class="when">date unknown</time>' in letter


def test_it_puts_a_death_sentence_at_the_top_of_the_sentence(client: Client) -> None:
    person = make_person(slug="death-row", custody_status=CustodyStatus.DEATH_ROW)
    make_sentence(make_case(person), kind=SentenceKind.DEATH, imposed=None)
    totals = section(get(client, "/prisoners/death-row/"), "sentence-title")
    assert '<dd class="death">Sentenced to death</dd>' in totals
    assert "Prison, as imposed" not in totals

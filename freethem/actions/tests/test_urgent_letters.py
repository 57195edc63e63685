"""The letter writer: the model letter filled safely with the prisoner's details and the
supporter's name, odd input refused with a clear message, the mailto: link, and nothing
stored."""

import datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.test import Client

from freethem.actions.models import ModelLetter, Official, UrgentAction
from freethem.actions.services import letters
from freethem.actions.tests.factories import make_urgent_action
from freethem.actions.vocab import OfficialRole
from freethem.prisoners.models import Prison
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 28)  # 7 Azar 1405


def evin() -> Prison:
    return Prison.objects.create(
        slug="evin-test", name_en="Evin Prison", name_fa="زندان اوین", province="tehran"
    )


def action_for_reza() -> UrgentAction:
    person = make_person(name_latin="Reza Karimi", name_fa="رضا کریمی", current_prison=evin())
    return make_urgent_action(prisoner=person)


def filled(action: UrgentAction, language: str, **supporter: str) -> letters.Letter:
    model = action.letters.get(language=language)
    official = action.officials.get(role=OfficialRole.TARGET)
    who = letters.Supporter(**{"name": "Ada Lovelace", **supporter})
    return letters.letter_fill(model=model, official=official, supporter=who, today=DAY)


def test_it_fills_the_placeholders_in_the_letters_language() -> None:
    action = action_for_reza()
    english = filled(action, "en", town="Oslo", country="NO")
    assert english.subject == "Release Reza Karimi"
    assert english.body.startswith("Dear Sir,\n\nI urge you to release Reza Karimi, held in Evin")
    assert english.body.endswith("Yours sincerely,\nAda Lovelace\nOslo, Norway")

    persian = filled(action, "fa", name="لیلا احمدی")
    assert persian.subject == "آزادی رضا کریمی"
    assert "رضا کریمی را که در زندان اوین زندانی است" in persian.body
    # The official's salutation is English: a Persian letter opens as Persian letters do.
    assert persian.body.startswith("با سلام و احترام،")
    assert persian.body.endswith("لیلا احمدی")
    assert letters.letter_date(DAY, "fa") == "۷ آذر ۱۴۰۵"
    assert letters.letter_date(DAY, "en") == "28 November 2026"


def test_it_leaves_unknown_braces_and_never_reads_attributes() -> None:
    values = {"prisoner": "Reza", "supporter": "Ada"}
    text = (
        "{prisoner} {unknown} {prisoner.__class__} {prisoner[0]} {supporter:>999999999} "
        "{ lone { and } {{prisoner}} {date}"
    )
    assert letters.fill(text, values, limit=1000) == (
        "Reza {unknown} {prisoner.__class__} {prisoner[0]} {supporter:>999999999} "
        "{ lone { and } {Reza} {date}"
    )
    assert len(letters.fill("{supporter}" * 5000, {"supporter": "x" * 100}, limit=500)) == 500


def test_it_says_when_the_prison_is_unknown() -> None:
    action = make_urgent_action(prisoner=make_person(name_latin="Sara"))
    assert "release Sara, held in detention." in filled(action, "en").body


def post_letter(client: Client, action: UrgentAction, prefix: str = "", **data: str) -> str:
    official = action.officials.get(role=OfficialRole.TARGET)
    fields = {"name": "Ada Lovelace", "language": "en", "official": str(official.pk), **data}
    response = client.post(f"{prefix}/urgent-actions/{action.slug}/letter/", fields)
    return response.content.decode()


def test_it_shows_the_filled_letter_and_stores_nothing(client: Client) -> None:
    action = action_for_reza()
    blank = client.get(f"/urgent-actions/{action.slug}/letter/")
    assert blank.status_code == 200 and 'name="name"' in blank.content.decode()
    before = (ModelLetter.objects.count(), Official.objects.count())
    html = post_letter(client, action, town="Oslo")
    assert "I urge you to release Reza Karimi, held in Evin Prison." in html
    assert "Ada Lovelace" in html and "readonly" in html
    assert f'action="/urgent-actions/{action.slug}/letter/pdf/"' in html
    assert "actions/urgent.js" in html and "<script>" not in html
    assert (ModelLetter.objects.count(), Official.objects.count()) == before
    assert "Ada Lovelace" not in str(dict(client.session))


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("Ada\u202eecalevol", "This contains invisible control or text-direction characters."),
        ("Ada\u200f Lovelace", "This contains invisible control or text-direction characters."),
        ("A" * 101, "Please shorten this to 100 characters (it has 101)."),
        ("", "Please enter your name: it signs the letter."),
    ],
)
def test_it_refuses_odd_names_with_a_clear_message(client: Client, name: str, error: str) -> None:
    action = action_for_reza()
    response = client.post(
        f"/urgent-actions/{action.slug}/letter/",
        {"name": name, "language": "en", "official": action.officials.first().pk},
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert f'<a href="#id_name">{error}' in response.content.decode()  # in the summary
    assert 'id="letter-title"' not in response.content.decode()


def test_it_refuses_in_persian_on_persian_pages(client: Client) -> None:
    action = action_for_reza()
    html = post_letter(client, action, prefix="/fa", name="Ada\u202e")
    assert "این متن نویسه‌های نامرئی کنترلی یا تعیین‌کنندهٔ جهت متن دارد." in html


def test_it_refuses_a_language_or_official_not_on_offer(client: Client) -> None:
    action = action_for_reza()
    other = make_urgent_action()
    html = post_letter(client, action, language="de")
    assert "Please choose one of the languages the letter is written in." in html
    html = post_letter(client, action, official=str(other.officials.first().pk))
    assert "Please choose whom to write to from the list." in html


def test_it_links_the_letter_to_the_mail_program() -> None:
    action = action_for_reza()
    letter = filled(action, "fa", name="لیلا احمدی & Co?")
    link, whole = letters.mailto_link(letter)
    assert whole and link.startswith("mailto:info@example.org?")
    parts = urlsplit(link)
    assert parts.path == "info@example.org"
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["cc"] == ["embassy@example.org"]
    assert query["subject"] == ["آزادی رضا کریمی"]
    assert query["body"][0] == letter.body.replace("\n", "\r\n")
    assert " " not in link and "\n" not in link and "&Co" not in link
    assert "%0D%0A" in link


def test_it_leaves_out_a_body_too_long_for_a_link() -> None:
    action = action_for_reza()
    ModelLetter.objects.filter(urgent_action=action, language="fa").update(body="نامه " * 2000)
    letter = filled(action, "fa")
    link, whole = letters.mailto_link(letter)
    assert not whole and "body=" not in link and len(link) <= letters.MAILTO_MAX
    assert unquote(link).endswith("subject=آزادی رضا کریمی")


def test_it_offers_no_mail_link_without_an_email(client: Client) -> None:
    action = action_for_reza()
    action.officials.update(email="")
    html = post_letter(client, action)
    assert "mailto:" not in html
    assert "This official has no email address" in html

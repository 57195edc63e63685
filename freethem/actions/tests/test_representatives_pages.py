"""Contact your representatives: a supporter picks a country and gets whom to write to, each
with the message filled in (the country's own or the default one, in the reader's language
or English), a mail link and a box to copy from; "I contacted them" counts once per browser."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from freethem.actions.models import Representative
from freethem.actions.services import representatives as services
from freethem.actions.tests.factories import make_representative, make_representative_message

pytestmark = pytest.mark.django_db

URL = "/act/representatives/"


@pytest.fixture
def britain() -> Representative:
    make_representative_message()  # the default, English
    make_representative_message(
        language="fa", subject="آزادشان کنید", body="{salutation}، {supporter}"
    )
    return make_representative(country="GB", name="Alex Morgan")


def test_it_lists_the_countries_with_representatives_in_the_readers_language(
    client: Client, britain: Representative
) -> None:
    make_representative(country="DE", name="Jana Becker")
    page = client.get(URL).content.decode()
    assert reverse("representatives:index") == URL
    assert '<option value="GB">United Kingdom</option>' in page
    assert '<option value="DE">Germany</option>' in page
    assert 'value="US"' not in page
    persian = client.get("/fa" + URL).content.decode()
    assert '<option value="DE">آلمان</option>' in persian


def test_it_shows_whom_to_write_to_with_the_default_message_filled_in(
    client: Client, britain: Representative
) -> None:
    response = client.get(URL, {"country": "GB", "name": "Sara Ahmadi"})
    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("Alex Morgan", "Member of Parliament", "House of Commons", "alex@example.org",
                  "+44 20 7946 0000", "London SW1A 0AA", "Dear Alex Morgan"):  # fmt: skip
        assert shown in page
    (letter,) = response.context["letters"]
    assert letter.subject == "Free them, Alex Morgan"
    assert letter.body.startswith("Dear Alex Morgan,\n\nPlease speak up for the prisoners of ")
    assert "United Kingdom" in letter.body and letter.body.endswith("Sara Ahmadi")
    assert "readonly" in page and f'id="message-{britain.pk}"' in page


def test_it_prefers_the_countrys_own_message_and_the_readers_language(
    client: Client, britain: Representative
) -> None:
    make_representative_message(country="GB", subject="Britain's own", body="For {country}")
    (letter,) = client.get(URL, {"country": "GB"}).context["letters"]
    assert (letter.subject, letter.body, letter.language) == (
        "Britain's own",
        "For United Kingdom",
        "en",
    )
    # In Persian: Britain has no Persian message of its own, so the default Persian one.
    (letter,) = client.get("/fa" + URL, {"country": "GB"}).context["letters"]
    assert letter.subject == "آزادشان کنید"
    # Britain's own English one, asked for on a Persian page: in English throughout.
    response = client.get("/fa" + URL, {"country": "GB", "in": "en"})
    (letter,) = response.context["letters"]
    assert (letter.subject, letter.body) == ("Britain's own", "For United Kingdom")
    assert response.context["language"] == "en"
    assert services.message_for(country="FR", language="fa").subject == "آزادشان کنید"
    assert services.message_for(country="FR", language="de").subject.startswith("Free them")


def test_it_fills_the_message_safely() -> None:
    values = {"supporter": "{salutation} {0} %s", "salutation": "Dear X"}
    text = "{salutation} {unknown} {supporter.__class__} {supporter:>999999} {} {{x}} {supporter}"
    filled = services.message_fill(text, values)
    # Only the known placeholders; the supporter's text is not read as a template.
    assert filled == (
        "Dear X {unknown} {supporter.__class__} {supporter:>999999} {} {{x}} {salutation} {0} %s"
    )


def test_it_bounds_the_supporters_name(client: Client, britain: Representative) -> None:
    response = client.get(URL, {"country": "GB", "name": "N" * 150})
    assert response.status_code == 400
    assert "Please shorten this to 100 characters" in response.content.decode()
    response = client.get(URL, {"country": "GB", "name": "Sara\u202eAhmadi"})
    assert response.status_code == 400


def test_it_leaves_a_gap_for_the_name_not_given(client: Client, britain: Representative) -> None:
    (letter,) = client.get(URL, {"country": "GB"}).context["letters"]
    assert letter.body.endswith("\n\n[your name]")
    (letter,) = client.get("/fa" + URL, {"country": "GB"}).context["letters"]
    assert letter.body == "Dear Alex Morgan، [نام شما]"


def test_it_makes_a_well_formed_mail_link(client: Client, britain: Representative) -> None:
    (letter,) = client.get(URL, {"country": "GB", "name": "Sara & Co?"}).context["letters"]
    parts = urlsplit(letter.mailto)
    assert parts.scheme == "mailto" and parts.path == "alex@example.org"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == ["Free them, Alex Morgan"]
    assert query["body"] == [letter.body]
    assert "Sara & Co?" in letter.body and " " not in letter.mailto and "\n" not in letter.mailto
    assert not letter.shortened


def test_it_shortens_a_long_message_to_fit_a_mail_link() -> None:
    body = "آزادی " * 2000
    link, shortened = services.mailto_link(email="a@example.org", subject="S", body=body)
    assert shortened and len(link) <= services.MAILTO_MAX
    sent = parse_qs(urlsplit(link).query)["body"][0]
    assert sent.endswith("\n…") and body.startswith(sent[:-2])
    assert unquote(link).startswith("mailto:a@example.org?subject=S&body=آزادی")


def test_it_says_when_a_country_has_none(client: Client, britain: Representative) -> None:
    response = client.get(URL, {"country": "FR"})
    assert response.status_code == 400
    assert "Please choose a country from the list" in response.content.decode()
    persian = client.get("/fa" + URL, {"country": "XX"})
    assert persian.status_code == 400
    assert "لطفاً کشوری از فهرست" in persian.content.decode()
    response = client.get(URL, {"country": "G" * 5000})
    assert response.status_code == 400


def test_it_counts_i_contacted_them_once_per_browser(
    client: Client, britain: Representative
) -> None:
    url = reverse("representatives:contacted", args=[britain.pk])
    response = client.post(url, {"name": "Sara"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?country=GB&name=Sara#rep-{britain.pk}"
    cookie = response.cookies[services.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not Session.objects.exists()  # the browser keeps it, not the server
    client.post(url)
    britain.refresh_from_db()
    assert britain.contacted_count == 1
    page = client.get(URL, {"country": "GB"}).content.decode()
    assert "Thank you for contacting them." in page
    assert "1 supporter has contacted them." in page
    Client().post(url)  # another browser
    britain.refresh_from_db()
    assert britain.contacted_count == 2
    forged = Client()
    forged.cookies[services.COOKIE] = str(britain.pk)  # unsigned: not believed
    assert "Thank you for contacting" not in forged.get(URL, {"country": "GB"}).content.decode()
    assert client.get(url).status_code == 405


def test_it_limits_i_contacted_them_per_network(
    monkeypatch: pytest.MonkeyPatch, britain: Representative
) -> None:
    monkeypatch.setattr(services, "CONTACTED_PER_NETWORK", 2)
    url = reverse("representatives:contacted", args=[britain.pk])
    for last in range(1, 5):
        Client().post(url, REMOTE_ADDR=f"198.51.100.{last}")
    britain.refresh_from_db()
    assert britain.contacted_count == 2


def test_it_offers_the_message_in_the_other_languages_it_is_written_in(
    client: Client, britain: Representative
) -> None:
    response = client.get("/fa" + URL, {"country": "GB", "name": "Sara"})
    assert response.context["letters"][0].subject == "آزادشان کنید"
    page = response.content.decode()
    assert '<a href="/fa/act/representatives/?country=GB&amp;name=Sara&amp;in=en">' in page
    (letter,) = client.get("/fa" + URL, {"country": "GB", "in": "en"}).context["letters"]
    assert letter.subject == "Free them, Alex Morgan"
    (letter,) = client.get("/fa" + URL, {"country": "GB", "in": "de" * 500}).context["letters"]
    assert letter.subject == "آزادشان کنید"

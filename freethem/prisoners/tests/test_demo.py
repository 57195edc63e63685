"""The demo case database: the eleven prisoners the campaign named, marked as demo, each with
the status the campaign's article gives and the article cited on their timeline."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from freethem.core.dates import Precision
from freethem.prisoners import demo as prisoners_demo
from freethem.prisoners.models import (
    Case,
    Category,
    Event,
    Person,
    PersonName,
    Prison,
    SearchTerm,
    Sentence,
    Source,
)
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import CustodyStatus, EventKind, Publication

pytestmark = pytest.mark.django_db
PERSIAN_ONLY = re.compile(r"[\u0600-\u06ff\u200c ]+")


@pytest.fixture
def demo() -> None:
    call_command("loaddemo", stdout=io.StringIO())


def test_it_loads_the_eleven_named_prisoners_once(demo: None) -> None:
    people = Person.objects.all()
    assert people.count() == 11
    assert all(person.is_demo and person.publication == Publication.PUBLISHED for person in people)
    assert all(PERSIAN_ONLY.fullmatch(person.name_fa) and person.name_latin for person in people)
    assert all(person.categories.exists() for person in people)

    call_command("loaddemo", stdout=io.StringIO())
    assert Person.objects.count() == 11


def test_it_places_the_prisons_and_sources_every_event_and_sentence(demo: None) -> None:
    evin = Prison.objects.get(slug="evin")
    assert (round(float(evin.latitude), 1), round(float(evin.longitude), 1)) == (35.8, 51.4)
    assert Prison.objects.filter(latitude__isnull=True).count() == 0
    assert Event.objects.exists() and Sentence.objects.exists()
    assert not Event.objects.filter(sources__isnull=True).exists()
    assert not Sentence.objects.filter(sources__isnull=True).exists()


def test_it_shows_every_demo_prisoner_in_both_languages(demo: None, client: Client) -> None:
    for person in Person.objects.all():
        english = client.get(f"/prisoners/{person.slug}/")
        persian = client.get(f"/fa/prisoners/{person.slug}/")
        assert english.status_code == persian.status_code == 200
        assert person.name_latin in english.text
        assert person.name_fa in persian.text
    found = client.get("/prisoners/", {"q": "Nasrin Sotoodeh"})
    assert "نسرین ستوده" in found.text


def article() -> Source:
    return Source.objects.get(title=prisoners_demo.ARTICLE["title"])


def test_it_gives_each_of_the_eleven_a_status_dated_to_the_article_and_citing_it(
    demo: None,
) -> None:
    source = article()
    assert source.is_demo and source.url.startswith("https://revcom.us/")
    assert source.language == "en" and source.title_fa.startswith("ایران ۲۰۲۱")
    for person in Person.objects.all():
        assert person.custody_status != CustodyStatus.UNKNOWN, person.slug
        cited = person.events.get(sources=source)
        assert cited.kind == EventKind.STATUS
        assert (cited.occurred_on, cited.occurred_on_precision) == (
            datetime.date(2021, 12, 1),
            Precision.MONTH,
        )
        assert cited.description_en and cited.description_fa


def test_it_shows_the_persian_title_of_a_source_on_persian_pages(
    demo: None, client: Client
) -> None:
    source = article()
    english = client.get("/prisoners/narges-mohammadi/").text
    persian = client.get("/fa/prisoners/narges-mohammadi/").text
    assert source.title in english and source.title_fa not in english
    assert source.title_fa in persian and source.title not in persian
    reporting = Source.objects.get(title=prisoners_demo.REPORTING["title"])
    assert reporting.title_fa in persian


def test_a_source_without_a_persian_title_keeps_its_own_on_persian_pages(
    demo: None, client: Client
) -> None:
    Source.objects.filter(pk=article().pk).update(title_fa="")
    assert article().title in client.get("/fa/prisoners/narges-mohammadi/").text


def counts() -> dict[str, int]:
    tables = [Person, PersonName, Case, Sentence, Event, Source, Prison, Category, SearchTerm]
    links = [Event.sources.through, Case.sources.through, Sentence.sources.through]
    return {model.__name__: model.objects.count() for model in tables + links}


def test_loading_the_demo_twice_duplicates_nothing(demo: None) -> None:
    before = counts()
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    assert "Demo prisoners already loaded." in out.getvalue()
    assert counts() == before


def test_it_brings_a_demo_loaded_before_the_article_was_cited_up_to_date_once(
    demo: None,
) -> None:
    expected = counts()
    statuses = dict(Person.objects.values_list("slug", "custody_status"))
    # The demo as earlier versions loaded it: eight unknown, no article, no Persian titles,
    # no medical leave for Nasrin Sotoudeh.
    source = article()
    Event.objects.filter(sources=source).delete()
    source.delete()
    Event.objects.filter(person__slug="nasrin-sotoudeh", kind="furlough").delete()
    Source.objects.update(title_fa="")
    old = ["narges-mohammadi", "sepideh-gholian", "mehran-raouf", "rasoul-bodaghi",
           "nasrin-sotoudeh", "mehdi-mahmoudian", "arash-keykhosravi", "mostafa-nili"]  # fmt: skip
    Person.objects.filter(slug__in=old).update(custody_status=CustodyStatus.UNKNOWN)
    # An organiser's own change to a demo record survives.
    Person.objects.filter(slug="mostafa-nili").update(custody_status=CustodyStatus.BAIL)

    assert "brought up to date" in prisoners_demo.load()
    assert counts() == expected
    now = dict(Person.objects.values_list("slug", "custody_status"))
    assert now == statuses | {"mostafa-nili": CustodyStatus.BAIL}
    assert Source.objects.filter(title_fa="").count() == 0

    assert prisoners_demo.load() == "Demo prisoners already loaded."
    assert counts() == expected


def test_it_leaves_a_demo_prisoner_an_organiser_deleted_deleted(demo: None) -> None:
    article().delete()
    Person.objects.get(slug="rasoul-bodaghi").delete()
    prisoners_demo.load()
    assert not Person.objects.filter(slug="rasoul-bodaghi").exists()
    assert Person.objects.count() == 10


def test_it_says_when_the_site_holds_the_demo_prisoners() -> None:
    # The prisoners' demo alone: other apps' demo rows (urgent actions) keep records in place.
    prisoners_demo.load()
    assert prisoners_demo.loaded()
    Person.objects.filter(is_demo=True).delete()
    assert not prisoners_demo.loaded()


BANNER = 'class="message demo-banner" role="note"'


def test_demo_profiles_carry_the_demo_banner_in_both_languages(demo: None, client: Client) -> None:
    for path in ["/prisoners/narges-mohammadi/", "/fa/prisoners/narges-mohammadi/"]:
        assert BANNER in client.get(path).text, path


def test_a_profile_on_a_site_without_demo_data_has_no_banner(client: Client) -> None:
    person = make_person()
    for prefix in ["", "/fa"]:
        assert BANNER not in client.get(f"{prefix}/prisoners/{person.slug}/").text

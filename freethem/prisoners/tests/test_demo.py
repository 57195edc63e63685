"""The demo case database: the eleven prisoners the campaign named, marked as demo."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from freethem.prisoners.models import Event, Person, Prison, Sentence
from freethem.prisoners.vocab import Publication

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

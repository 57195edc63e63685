"""Draft, in review, published: researchers submit for review, organisers publish; and who may
open the case database at all."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from reversion.models import Version

from freethem.prisoners.models import Person
from freethem.prisoners.services import ONLY_DRAFTS_FOR_REVIEW
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.tests.test_admin_support import PEOPLE, signed_in
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db


def act(client: Client, action: str, *people: Person) -> str:
    response = client.post(
        PEOPLE,
        {"action": action, "_selected_action": [person.pk for person in people]},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def state(person: Person) -> str:
    return Person.objects.get(pk=person.pk).publication


def test_it_lets_a_researcher_submit_for_review_but_not_publish(client: Client) -> None:
    signed_in(client, username="researcher1")
    person = make_person(publication=Publication.DRAFT, name_latin="Sepideh Gholian")

    listing = client.get(PEOPLE).content.decode()
    assert 'value="submit_for_review"' in listing
    assert 'value="publish"' not in listing
    act(client, "publish", person)
    assert state(person) == Publication.DRAFT

    page = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert 'value="submit"' in page and 'value="publish"' not in page
    assert "An organiser publishes a record after reviewing it." in page
    refused = client.post(f"{PEOPLE}{person.pk}/publication/", {"transition": "publish"})
    assert refused.status_code == 403
    assert state(person) == Publication.DRAFT

    html = act(client, "submit_for_review", person)
    assert "Submitted for review: Sepideh Gholian." in html
    assert state(person) == Publication.REVIEW
    revision = Version.objects.get_for_object(person).latest("pk").revision
    assert (revision.user.username, revision.comment) == ("researcher1", "Submitted for review.")


def test_it_lets_an_organiser_publish_from_the_persons_page(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    person = make_person(publication=Publication.REVIEW)
    page = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert 'value="publish"' in page and 'value="unpublish"' in page
    assert f'href="{person.get_absolute_url()}"' not in page  # no public page yet

    response = client.post(f"{PEOPLE}{person.pk}/publication/", {"transition": "publish"})
    assert response["Location"] == f"{PEOPLE}{person.pk}/change/"
    assert state(person) == Publication.PUBLISHED
    history = client.get(f"{PEOPLE}{person.pk}/history/").content.decode()
    assert "organiser1" in history and "Published." in history
    assert client.get(person.get_absolute_url()).status_code == 200  # now on the public site
    page = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert f'href="{person.get_absolute_url()}"' in page  # "View on site"


def test_it_lets_an_organiser_publish_several_people_at_once(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    drafts = [make_person(publication=Publication.DRAFT) for _ in range(3)]
    act(client, "publish", *drafts)
    assert {state(person) for person in drafts} == {Publication.PUBLISHED}


def test_it_lets_a_researcher_take_a_record_down(client: Client) -> None:
    signed_in(client)
    person = make_person(publication=Publication.PUBLISHED)
    act(client, "unpublish", person)
    assert state(person) == Publication.DRAFT
    assert client.get(person.get_absolute_url()).status_code == 404


def test_it_says_why_a_record_was_left_as_it_was(client: Client) -> None:
    signed_in(client)
    published = make_person(publication=Publication.PUBLISHED, name_latin="Keyvan Samimi")
    html = act(client, "submit_for_review", published)
    assert f"Keyvan Samimi: {ONLY_DRAFTS_FOR_REVIEW}" in html
    assert state(published) == Publication.PUBLISHED


def test_it_does_not_let_a_researcher_publish_by_editing_the_form(client: Client) -> None:
    signed_in(client)
    person = make_person(publication=Publication.DRAFT)
    page = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert 'name="publication"' not in page  # shown, not editable


def test_it_refuses_the_case_database_to_a_moderator(client: Client) -> None:
    signed_in(client, username="moderator1", role="moderator")
    person = make_person()
    for path in (
        "",
        "add/",
        f"{person.pk}/change/",
        f"{person.pk}/history/",
        "import/",
        "export/csv/",
    ):
        assert client.get(f"{PEOPLE}{path}").status_code == 403, path
    assert client.get("/staff/prisoners/case/").status_code == 403
    response = client.post(f"{PEOPLE}{person.pk}/publication/", {"transition": "unpublish"})
    assert response.status_code == 403
    assert state(person) == Publication.PUBLISHED


def test_it_lets_a_viewer_read_and_export_but_not_import_or_move(client: Client) -> None:
    user = signed_in(client, username="viewer1", role="moderator")
    user.user_permissions.add(Permission.objects.get(codename="view_person"))
    person = make_person(publication=Publication.DRAFT)
    assert client.get(PEOPLE).status_code == 200
    assert client.get(f"{PEOPLE}export/csv/").status_code == 200
    assert client.get(f"{PEOPLE}import/").status_code == 403
    page = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert 'value="submit"' not in page
    assert (
        client.post(f"{PEOPLE}{person.pk}/publication/", {"transition": "submit"}).status_code
        == 403
    )

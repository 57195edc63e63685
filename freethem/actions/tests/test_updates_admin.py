"""Updates in the staff area: researchers write and publish them (publishing from the list
claims the mail to the followers), and followers are for organisers only, whose every look at
the addresses is audited."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from freethem.actions.models import Update
from freethem.actions.tests.factories import make_follow, make_update
from freethem.actions.vocab import State, UpdateKind
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import PASSWORD, current_code, staff_user
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db

UPDATES = "/staff/actions/update/"
FOLLOWERS = "/staff/actions/follow/"


def signed_in(client: Client, *, role: str) -> User:
    user = staff_user(username=f"{role}1", role=role)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302, response
    return user


def test_it_lets_a_researcher_write_an_update_published_now(client: Client) -> None:
    signed_in(client, role="researcher")
    person = make_person()
    assert client.get(f"{UPDATES}add/").status_code == 200
    response = client.post(
        f"{UPDATES}add/",
        {
            "kind": UpdateKind.STATEMENT,
            "state": State.PUBLISHED,
            "slug": "a-statement",
            "author": "A Nobel laureate",
            "title_en": "A statement",
            "body_en": "Free them all.",
            "prisoners": [person.pk],
            "media-TOTAL_FORMS": "1",
            "media-INITIAL_FORMS": "0",
            "media-0-kind": "video",
            "media-0-title": "The statement, filmed",
            "media-0-url": "https://vimeo.com/76979871",
            "media-0-position": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    update = Update.objects.get()
    assert update.published_at is not None and update.followers_mailed_at is not None
    assert update.media.get().title == "The statement, filmed"
    assert client.get(f"/updates/{update.slug}/").status_code == 200


def test_it_publishes_the_chosen_drafts_from_the_list(client: Client) -> None:
    signed_in(client, role="researcher")
    person = make_person()
    draft = make_update(state=State.DRAFT, published_at=None, prisoners=(person,))
    response = client.post(UPDATES, {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED and draft.followers_mailed_at is not None


def test_it_shows_followers_to_organisers_only_and_audits_it(client: Client) -> None:
    person = make_person()
    make_follow(person, email="ada@example.org")
    signed_in(client, role="researcher")
    assert client.get(FOLLOWERS).status_code == 403
    client.logout()
    signed_in(client, role="organiser")
    page = client.get(FOLLOWERS).content.decode()
    assert "ada@example.org" in page
    assert AuditEntry.objects.filter(action="view followers").count() == 1
    assert client.get(f"{FOLLOWERS}add/").status_code == 403

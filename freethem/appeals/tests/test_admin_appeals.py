"""Appeals in the staff area: counts at a glance, and one switch to pause and resume signing."""

import pytest
from django.test import Client

from freethem.appeals.models import Appeal, AppealState
from freethem.appeals.tests.test_admin_support import (
    APPEALS,
    make_appeal,
    make_signature,
    signed_in,
)

pytestmark = pytest.mark.django_db


def test_it_lists_each_appeals_confirmed_pending_suspect_and_held_counts(client: Client) -> None:
    appeal = make_appeal()
    for number in range(3):
        make_signature(appeal, email=f"ok{number}@example.org")
    make_signature(appeal, email="wait@example.org", confirmed=False)
    make_signature(appeal, email="odd@example.org", suspect=True)
    make_signature(appeal, email="nojs1@example.org", held=True)
    make_signature(appeal, email="nojs2@example.org", held=True)
    signed_in(client, role="moderator")

    html = client.get(APPEALS).content.decode()

    assert '<td class="field-confirmed">3</td>' in html
    assert '<td class="field-pending">1</td>' in html
    assert '<td class="field-suspect">1</td>' in html
    assert '<td class="field-held">2</td>' in html


def test_it_pauses_and_resumes_signing_with_one_button(client: Client) -> None:
    appeal = make_appeal()
    signed_in(client, role="organiser")
    page = client.get(f"{APPEALS}{appeal.pk}/change/").content.decode()
    assert 'name="signing" value="pause"' in page

    response = client.post(f"{APPEALS}{appeal.pk}/signing/", {"signing": "pause"}, follow=True)

    appeal.refresh_from_db()
    assert appeal.state == AppealState.PAUSED and not appeal.is_open
    assert "Signing is paused" in response.content.decode()
    assert 'name="signing" value="resume"' in response.content.decode()

    client.post(f"{APPEALS}{appeal.pk}/signing/", {"signing": "resume"})
    appeal.refresh_from_db()
    assert appeal.state == AppealState.OPEN and appeal.is_open


def test_it_pauses_several_appeals_from_the_list(client: Client) -> None:
    first, second = make_appeal(slug="one"), make_appeal(slug="two")
    draft = make_appeal(slug="draft", state=AppealState.DRAFT)
    signed_in(client, role="organiser")

    response = client.post(
        APPEALS,
        {"action": "pause", "_selected_action": [first.pk, second.pk, draft.pk]},
        follow=True,
    )

    states = dict(Appeal.objects.values_list("slug", "state"))
    assert states == {"one": "paused", "two": "paused", "draft": "draft"}
    assert "Only an open appeal can be paused." in response.content.decode()


def test_it_lets_a_moderator_see_but_not_switch_or_change_an_appeal(client: Client) -> None:
    appeal = make_appeal()
    signed_in(client, role="moderator")
    page = client.get(f"{APPEALS}{appeal.pk}/change/").content.decode()
    assert 'name="signing"' not in page
    assert 'name="_save"' not in page

    assert client.post(f"{APPEALS}{appeal.pk}/signing/", {"signing": "pause"}).status_code == 403
    client.post(APPEALS, {"action": "pause", "_selected_action": [appeal.pk]})
    appeal.refresh_from_db()
    assert appeal.state == AppealState.OPEN


def test_it_lets_an_organiser_edit_an_appeal(client: Client) -> None:
    appeal = make_appeal(goal=1000)
    signed_in(client, role="organiser")
    response = client.post(
        f"{APPEALS}{appeal.pk}/change/",
        {
            "slug": appeal.slug,
            "title_en": "New title",
            "title_fa": appeal.title_fa,
            "text_en": appeal.text_en,
            "text_fa": appeal.text_fa,
            "state": "closed",
            "goal": "5000",
            "milestones": "[1000, 2500]",
            "erase_after_days": "183",
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.title_en, appeal.goal, appeal.milestones) == ("New title", 5000, [1000, 2500])
    assert not appeal.is_open


def test_it_takes_the_sign_form_off_the_page_while_paused(client: Client) -> None:
    appeal = make_appeal()
    sign_url = f"/appeals/{appeal.slug}/sign/"
    assert sign_url in client.get(appeal.get_absolute_url()).content.decode()
    signed_in(client, role="organiser")

    client.post(f"{APPEALS}{appeal.pk}/signing/", {"signing": "pause"})

    assert sign_url not in client.get(appeal.get_absolute_url()).content.decode()
    client.post(sign_url, {"name": "Ada", "email": "ada@example.org", "country": "DE"})
    assert not appeal.signatures.exists()

    client.post(f"{APPEALS}{appeal.pk}/signing/", {"signing": "resume"})
    assert sign_url in client.get(appeal.get_absolute_url()).content.decode()

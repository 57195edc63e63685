"""The action centre, /act/: the staff's list of actions in their order, in both languages;
hidden actions and actions whose page is not on the site are left out; staff reorder it."""

import re

import pytest
from django.test import Client

from freethem.actions.models import Action
from freethem.actions.services import centre
from freethem.actions.tests.factories import make_action
from freethem.appeals.tests.factories import make_appeal
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

DEFAULT_ORDER = [
    "sign-the-appeal",
    "share-the-appeal",
    "write-a-letter",
    "join-an-event",
    "host-an-event",
    "contact-your-representatives",
    "support-the-campaign",
    "volunteer",
    "report-a-protest",
    "follow-a-prisoner",
]


def signed_in(client: Client, *, role: str) -> None:
    user = staff_user(username=f"{role}1", role=role)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302, response


def shown(html: str) -> list[str]:
    return re.findall(r'<li class="step" id="([^"]+)">', html)


@pytest.fixture
def every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centre, "_reverse", lambda name, query="": f"/{name}/?{query}".rstrip("?"))


def test_it_seeds_the_default_actions_in_both_languages() -> None:
    actions = list(Action.objects.public())
    assert [action.slug for action in actions] == DEFAULT_ORDER
    assert all(action.title_fa and action.text_fa and action.button_fa for action in actions)
    assert not any(action.is_demo for action in actions)


@pytest.mark.usefixtures("every_page")
def test_it_lists_every_action_with_its_button_in_both_languages(client: Client) -> None:
    make_appeal(slug="the-appeal", featured=True)
    html = client.get("/act/").content.decode()
    assert shown(html) == DEFAULT_ORDER
    assert '<h3 class="step-title">Write a letter</h3>' in html
    assert '<a class="button" href="/appeals/the-appeal/#sign">Sign now' in html
    persian = client.get("/fa/act/").content.decode()
    assert shown(persian) == DEFAULT_ORDER
    assert "نامه بنویسید" in persian
    assert '<a class="button" href="/fa/appeals/the-appeal/#sign">همین حالا امضا کنید' in persian


def test_it_leaves_out_actions_whose_page_is_not_on_the_site(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = centre._reverse
    monkeypatch.setattr(
        centre, "_reverse", lambda name, query="": "" if name == "events:list" else real(name)
    )
    html = client.get("/act/").content.decode()
    assert "join-an-event" not in shown(html)
    assert {"sign-the-appeal", "report-a-protest", "follow-a-prisoner"} <= set(shown(html))


@pytest.mark.usefixtures("every_page")
def test_it_hides_what_staff_hide_and_follows_their_order(client: Client) -> None:
    Action.objects.filter(slug="share-the-appeal").update(published=False)
    Action.objects.filter(slug="follow-a-prisoner").update(position=1)
    html = client.get("/act/").content.decode()
    assert shown(html) == [
        "follow-a-prisoner",
        *(slug for slug in DEFAULT_ORDER if slug not in ("share-the-appeal", "follow-a-prisoner")),
    ]
    assert "Share the appeal" not in html


def test_it_links_an_organisers_own_action_only_to_a_safe_address(client: Client) -> None:
    make_action(slug="read-the-report", url="/prisoners/?status=serving", position=1)
    make_action(slug="bad-scheme", url="javascript:alert(1)", position=2)
    make_action(slug="other-site", url="https://example.org/petition", position=3)
    make_action(slug="plain-http", url="http://example.org/", position=4)
    html = client.get("/act/").content.decode()
    assert shown(html)[:2] == ["read-the-report", "other-site"]
    assert 'href="/prisoners/?status=serving"' in html
    assert "javascript:" not in html and "http://example.org" not in html


def test_it_lets_organisers_reorder_and_hide_actions_in_the_staff_area(client: Client) -> None:
    signed_in(client, role="organiser")
    page = client.get("/staff/actions/action/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="form-0-position"' in html and 'name="form-0-published"' in html
    assert len(re.findall(r'<td class="field-count">0</td>', html)) >= 3  # each one's count
    sign = Action.objects.get(slug="sign-the-appeal")
    response = client.post(f"/staff/actions/action/{sign.pk}/change/", {
        "kind": "sign", "slug": sign.slug, "position": 500, "published": "",
        "title_en": "Sign it", "title_fa": "", "text_en": "", "text_fa": "",
        "button_en": "Sign", "button_fa": "", "url": "",
    })  # fmt: skip
    assert response.status_code == 302
    assert "sign-the-appeal" not in shown(client.get("/act/").content.decode())


def test_it_keeps_the_list_from_other_staff_roles(client: Client) -> None:
    signed_in(client, role="researcher")
    assert client.get("/staff/actions/action/").status_code == 403


@pytest.mark.usefixtures("every_page")
def test_it_counts_every_action_in_one_query(
    client: Client, django_assert_max_num_queries: object
) -> None:
    make_appeal(slug="the-appeal", featured=True)
    client.get("/privacy/")  # what every page reads (the demo banner's check)
    # The actions, the appeal to sign and its count, the open drive, the counts: one each.
    with django_assert_max_num_queries(5):  # type: ignore[operator]
        html = client.get("/act/").content.decode()
    assert len(shown(html)) == len(DEFAULT_ORDER)

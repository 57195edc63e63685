""" "I took this action": counted without a login, once per browser, a bounded number of times
per network, never for a closed action; the page thanks and shows the new count."""

from datetime import date

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from freethem.actions.models import UrgentAction
from freethem.actions.services import urgent as services
from freethem.actions.tests.factories import make_urgent_action

pytestmark = pytest.mark.django_db


def count(action: UrgentAction) -> int:
    return UrgentAction.objects.get(pk=action.pk).taken_count


def take(client: Client, action: UrgentAction, ip: str = "198.51.100.7") -> str:
    response = client.post(f"/urgent-actions/{action.slug}/take/", REMOTE_ADDR=ip, follow=True)
    assert response.redirect_chain[0][0].startswith(f"/urgent-actions/{action.slug}/")
    return response.content.decode()


def test_it_counts_a_browser_once_and_thanks_it(client: Client) -> None:
    action = make_urgent_action(taken_count=41)
    html = take(client, action)
    assert count(action) == 42
    assert "Thank you for taking this action." in html
    assert "42 people took this action" in html
    assert "I took this action</button>" not in html

    take(client, action)
    assert count(action) == 42  # the same browser again
    take(Client(), action)
    assert count(action) == 43  # another browser


def test_it_bounds_what_one_network_can_add(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "TAKES_PER_NETWORK", 5)
    action = make_urgent_action()
    sessions = Session.objects.count()
    for n in range(8):
        html = take(Client(), action, ip=f"203.0.113.{n}")  # a script dropping its cookies
        assert "Thank you for taking this action." in html  # thanked, counted or not
    assert count(action) == 5
    assert Session.objects.count() == sessions + 5  # no session for what was not counted
    take(Client(), action, ip="192.0.2.1")  # another network still counts
    assert count(action) == 6


def test_it_counts_nothing_for_a_closed_action_or_a_get(client: Client) -> None:
    closed = make_urgent_action(issued_on=date(2025, 1, 1), expires_on=date(2025, 2, 1))
    html = take(client, closed)
    assert count(closed) == 0 and "This urgent action is closed." in html
    assert "Thank you for taking this action." not in html
    action = make_urgent_action()
    assert client.get(f"/urgent-actions/{action.slug}/take/").status_code == 405
    assert count(action) == 0


def test_it_remembers_a_bounded_number_of_actions_per_browser(client: Client) -> None:
    action = make_urgent_action()
    session = client.session
    session[services.SESSION_KEY] = list(range(10_000, 10_000 + services.REMEMBERED))
    session.save()
    take(client, action)
    taken = client.session[services.SESSION_KEY]
    assert len(taken) == services.REMEMBERED and taken[-1] == action.pk

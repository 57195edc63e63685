"""RSVPs' names and emails are erased a month after their event: what stays is how many came."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freethem.events.models import Rsvp
from freethem.events.services.rsvps import KEEP_AFTER_EVENT, rsvps_erase
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import make_rsvp
from freethem.events.vocab import RsvpState

pytestmark = pytest.mark.django_db


def test_it_erases_who_came_to_an_event_a_month_after_it_and_keeps_how_many(
    client: Client,
) -> None:
    now = timezone.now()
    old = make_event(slug="old", starts_at=now - KEEP_AFTER_EVENT - timedelta(days=1))
    recent = make_event(slug="recent", starts_at=now - timedelta(days=2))
    came = make_rsvp(old, email="came@example.org", attended=True)
    make_rsvp(old, email="waited@example.org", state=RsvpState.WAITING)
    make_rsvp(old, email="never-confirmed@example.org", state=RsvpState.PENDING)
    kept = make_rsvp(recent, email="recent@example.org")

    assert rsvps_erase(now=now) == 2
    assert rsvps_erase(now=now) == 0  # nothing left to erase

    erased = Rsvp.objects.get(pk=came.pk)
    assert (erased.name, erased.email) == ("", "")
    assert (erased.state, erased.attended) == (RsvpState.GOING, True)
    assert sorted(old.rsvps.values_list("state", flat=True)) == ["going", "waiting"]
    assert client.get(f"/events/rsvp/{came.link_key}/").status_code == 404
    assert client.get(f"/events/rsvp/{erased.link_key}/").status_code == 404
    assert Rsvp.objects.get(pk=kept.pk).email == "recent@example.org"

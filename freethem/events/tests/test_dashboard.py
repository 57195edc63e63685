"""The staff home's block of upcoming events: a member of the events role sees the events they
organise with who is going and waiting, never another's; an organiser sees every one."""

import pytest
from django.test import Client

from freethem.core.tests.staff_dashboard_support import panels, text_of
from freethem.events.admin.rsvps import participants_url
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import make_rsvp
from freethem.events.tests.test_rsvp_admin import signed_in
from freethem.events.vocab import RsvpState, State

pytestmark = pytest.mark.django_db


def test_it_shows_the_events_role_its_own_upcoming_events_with_their_rsvps(
    client: Client,
) -> None:
    member = signed_in(client, role="events")
    ours = make_event(slug="ours", title="Our vigil")
    ours.organisers.add(member)
    make_rsvp(ours, email="a@example.org")
    make_rsvp(ours, email="b@example.org", state=RsvpState.WAITING)
    make_event(slug="theirs", title="Their forum")
    make_event(slug="called-off", title="Called off", state=State.CANCELLED).organisers.add(member)

    block = panels(client.get("/staff/").content.decode())["Upcoming events"]
    assert text_of(block) == "Our vigil: 1 going, 1 waiting 1 upcoming event"
    assert f'href="{participants_url(ours)}"' in block


def test_it_shows_an_organiser_every_upcoming_event_in_persian_too(client: Client) -> None:
    signed_in(client, role="organiser")
    make_event(slug="one", title="One")
    make_event(slug="two", title="Two", title_fa="دو")
    block = text_of(panels(client.get("/fa/staff/").content.decode())["رویدادهای پیش رو"])
    assert "۰ نفر می‌آیند، ۰ نفر در فهرست انتظار" in block and "دو" in block
    assert "همهٔ ۲ رویداد پیش رو" in block

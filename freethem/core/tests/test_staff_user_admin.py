"""Organisers manage a staff user's sign-in from the user's page in the staff area: issue an
enrolment invitation (its link shown once) and reset the second factor, each audited."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.admin import SECOND_FACTOR_RESET
from freethem.core.models import AuditEntry, EnrolmentInvitation
from freethem.core.services import HAS_AUTHENTICATOR, INVITATION_UNKNOWN
from freethem.core.tests.factories import PASSWORD, code_for, current_code, staff_user

pytestmark = pytest.mark.django_db


def signed_in(client: Client, user: User) -> User:
    client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert client.get("/staff/").status_code == 200
    return user


def page(user: User, action: str = "change") -> str:
    return f"/staff/auth/user/{user.pk}/{action}/"


def issue(client: Client, user: User) -> str:
    """Press "Issue an enrolment invitation" and return the link the page shows."""
    response = client.post(page(user, "invitation"))
    assert response.status_code == 200
    (link,) = re.findall(r">(\S+/staff/enrol/\S+/)</textarea>", response.content.decode())
    return link


def enrol(client: Client, user: User, link: str) -> None:
    path = link.removeprefix(settings.FREETHEM_SITE_URL)
    client.post("/staff/login/", {"username": user.username, "password": PASSWORD, "next": path})
    client.get(path)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post("/staff/enrol/", {"code": code_for(device)})


def test_it_lets_an_organiser_invite_a_new_staff_user_with_a_link_shown_once(
    client: Client,
) -> None:
    signed_in(client, staff_user(username="organiser1", role="organiser"))
    newcomer = staff_user(username="newcomer", with_device=False)
    before = client.get(page(newcomer)).content.decode()
    assert "Issue an enrolment invitation" in before

    first = issue(client, newcomer)
    link = issue(client, newcomer)  # a second one replaces the first
    assert link.startswith(f"{settings.FREETHEM_SITE_URL}/staff/enrol/")
    assert link not in client.get(page(newcomer)).content.decode()  # shown once
    assert (
        AuditEntry.objects.filter(
            username="organiser1", action="issue enrolment invitation", subject="user newcomer"
        ).count()
        == 2
    )

    invitee = Client()
    invitee.post("/staff/login/", {"username": "newcomer", "password": PASSWORD})
    stale = invitee.get(first.removeprefix(settings.FREETHEM_SITE_URL))
    assert str(INVITATION_UNKNOWN) in stale.content.decode()
    enrol(invitee, newcomer, link)
    assert invitee.get("/staff/").status_code == 200


def test_it_refuses_an_invitation_for_a_user_who_has_an_authenticator(client: Client) -> None:
    signed_in(client, staff_user(username="organiser1", role="organiser"))
    member = staff_user(username="member")
    response = client.post(page(member, "invitation"), follow=True)
    assert str(HAS_AUTHENTICATOR) % {"username": "member"} in response.content.decode()
    assert not EnrolmentInvitation.objects.exists()


def test_it_lets_an_organiser_reset_a_lost_second_factor(client: Client) -> None:
    signed_in(client, staff_user(username="organiser1", role="organiser"))
    member = staff_user(username="member")
    members_session = Client()
    signed_in(members_session, member)

    response = client.post(page(member, "second-factor-reset"), follow=True)
    assert str(SECOND_FACTOR_RESET) % {"username": "member"} in response.content.decode()
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert members_session.get("/staff/").status_code == 302  # out at once
    assert AuditEntry.objects.filter(
        username="organiser1", action="reset second factor", subject="user member"
    ).exists()
    assert "Issue an enrolment invitation" in client.get(page(member)).content.decode()

    again = Client()  # the password alone leads only to the invitation page
    login = again.post("/staff/login/", {"username": "member", "password": PASSWORD})
    assert login["Location"].startswith("/staff/enrol/")
    enrol(again, member, issue(client, member))
    assert again.get("/staff/").status_code == 200


@pytest.mark.parametrize("action", ["invitation", "second-factor-reset"])
def test_it_keeps_the_sign_in_buttons_for_organisers(client: Client, action: str) -> None:
    researcher = signed_in(client, staff_user(username="researcher1", role="researcher"))
    newcomer = staff_user(username="newcomer", with_device=False)
    assert client.post(page(newcomer, action)).status_code == 403
    assert client.post(page(researcher, action)).status_code == 403
    organiser = Client()
    signed_in(organiser, staff_user(username="organiser1", role="organiser"))
    assert organiser.get(page(newcomer, action)).status_code == 403  # a button posts
    assert not EnrolmentInvitation.objects.exists()
    assert TOTPDevice.objects.filter(user=researcher).exists()
    assert not AuditEntry.objects.exists()

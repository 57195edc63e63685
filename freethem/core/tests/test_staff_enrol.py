"""Setting up an authenticator takes the user's password session AND a one-time invitation an
organiser issued for that same user: a stolen password alone enrols nothing."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from django.utils.functional import Promise
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.forms import CODE_WAIT, CODE_WRONG
from freethem.core.models import AuditEntry, EnrolmentInvitation
from freethem.core.services import (
    INVITATION_EXPIRED,
    INVITATION_OTHER_USER,
    INVITATION_UNKNOWN,
    INVITATION_USED,
    invitation_issue,
)
from freethem.core.tests.factories import PASSWORD, code_for, staff_user

pytestmark = pytest.mark.django_db


def password_only(client: Client, user: User, next: str = "/staff/") -> HttpResponse:
    """Sign in with the password alone, as a user without an authenticator does."""
    return client.post(
        "/staff/login/", {"username": user.username, "password": PASSWORD, "next": next}
    )


def invite(user: User) -> str:
    """The path of a new invitation for user."""
    _invitation, token = invitation_issue(user=user, by=None)
    return f"/staff/enrol/{token}/"


def new_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_it_gives_a_password_alone_no_authenticator_and_no_staff_page(client: Client) -> None:
    user = staff_user(with_device=False)
    response = password_only(client, user)
    assert response["Location"] == "/staff/enrol/?next=%2Fstaff%2F"

    page = client.get(response["Location"]).content.decode()
    assert "Invitation link" in page
    assert "<svg" not in page and "otpauth" not in page  # no key before an invitation
    client.post("/staff/enrol/", {"code": "123456", "next": "/staff/"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    for path in ("/staff/", "/staff/auth/user/", "/staff/outbox/", "/fa/staff/"):
        assert client.get(path)["Location"].split("?")[0].endswith("/staff/login/")


def test_it_leads_the_invitation_link_through_the_password_to_a_new_authenticator(
    client: Client,
) -> None:
    user = staff_user(with_device=False)
    link = invite(user)

    to_login = client.get(link)
    assert to_login["Location"] == f"/staff/login/?next={link}"
    assert password_only(client, user, next=link)["Location"] == link
    assert client.get(link)["Location"] == "/staff/enrol/?next=%2Fstaff%2F"

    page = client.get("/staff/enrol/")
    assert b"<svg" in page.content  # the QR code, drawn inline, now that the invitation is in
    device = new_device(user)
    wrong = client.post("/staff/enrol/", {"code": "123456", "next": "/staff/"})
    assert str(CODE_WRONG) in wrong.content.decode()
    too_soon = client.post("/staff/enrol/", {"code": code_for(device), "next": "/staff/"})
    assert str(CODE_WAIT) in too_soon.content.decode()  # guessing is slowed down

    past = timezone.now() - timedelta(seconds=10)  # the wait after one wrong code is over
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=past)
    done = client.post("/staff/enrol/", {"code": code_for(device), "next": "/staff/"})
    assert done["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert EnrolmentInvitation.objects.get(user=user).used_at is not None
    assert AuditEntry.objects.filter(action="enrol authenticator", username=user.username)


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_takes_the_invitation_pasted_whole_or_as_its_last_part(
    client: Client, prefix: str
) -> None:
    user = staff_user(with_device=False)
    link = invite(user)
    password_only(client, user)
    pasted = f"  http://campaign.example{link}  " if prefix else link.split("/")[-2]
    response = client.post(f"{prefix}/staff/enrol/", {"invitation": pasted})
    next_page = prefix.replace("/", "%2F") + "%2Fstaff%2F"
    assert response["Location"] == f"{prefix}/staff/enrol/?next={next_page}"
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page
    assert 'dir="rtl"' in page if prefix else 'dir="ltr"' in page


def spent(user: User) -> str:
    link = invite(user)
    EnrolmentInvitation.objects.update(used_at=timezone.now())
    return link


def expired(user: User) -> str:
    link = invite(user)
    EnrolmentInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    return link


def someone_elses(user: User) -> str:
    return invite(staff_user(username="other1", with_device=False))


def replaced(user: User) -> str:
    link = invite(user)
    invite(user)  # a new invitation replaces the unused one
    return link


@pytest.mark.parametrize(
    ("make_link", "message"),
    [
        (lambda user: "/staff/enrol/not-a-token-of-ours-at-all-00000/", INVITATION_UNKNOWN),
        (replaced, INVITATION_UNKNOWN),
        (spent, INVITATION_USED),
        (expired, INVITATION_EXPIRED),
        (someone_elses, INVITATION_OTHER_USER),
    ],
)
def test_it_refuses_an_invitation_that_is_wrong_replaced_spent_expired_or_another_users(
    client: Client, make_link: Callable[[User], str], message: Promise
) -> None:
    user = staff_user(with_device=False)
    link = make_link(user)
    password_only(client, user)

    opened = client.get(link)
    pasted = client.post("/staff/enrol/", {"invitation": link})
    for response in (opened, pasted):
        assert response.status_code == 200
        assert str(message) in response.content.decode()
        assert "<svg" not in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_it_stops_an_accepted_invitation_that_expires_before_the_code(client: Client) -> None:
    user = staff_user(with_device=False)
    link = invite(user)
    password_only(client, user)
    client.get(link)
    device = new_device(user)
    EnrolmentInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.post("/staff/enrol/", {"code": code_for(device)}, follow=True)
    assert response.content.decode().count(str(INVITATION_EXPIRED)) == 1
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/staff/")["Location"].startswith("/staff/login/")


def test_it_does_not_let_a_password_only_session_add_a_second_authenticator(
    client: Client,
) -> None:
    user = staff_user()
    client.force_login(user)
    for path in ("/staff/enrol/", invite_anyway(user)):
        assert client.get(path)["Location"].startswith("/staff/login/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def invite_anyway(user: User) -> str:
    """An invitation for a user who has an authenticator (issue_invitation refuses one)."""
    token = "x" * 43
    EnrolmentInvitation.objects.create(
        user=user,
        token_hash=EnrolmentInvitation.hash_token(token),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    return f"/staff/enrol/{token}/"

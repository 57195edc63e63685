"""The audit log: written by a service, read by organisers only, changed by no one."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from freethem.core.audit import audit_record
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

LOG = "/staff/core/auditentry/"


def signed_in(client: Client, role: str) -> User:
    user = staff_user(username=f"{role}1", role=role)
    client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    return user


def test_it_records_who_saw_what() -> None:
    user = staff_user(username="organiser1", role="organiser")
    entry = audit_record(user=user, action="view signature", subject="signature 7")
    assert AuditEntry.objects.get() == entry
    assert (entry.user, entry.username, entry.action, entry.subject) == (
        user,
        "organiser1",
        "view signature",
        "signature 7",
    )


def test_it_keeps_the_username_when_the_user_is_deleted() -> None:
    user = staff_user(username="gone", role="organiser")
    audit_record(user=user, action="export emails", subject="free-them", detail="3 addresses")
    user.delete()
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.username, entry.detail) == (None, "gone", "3 addresses")


def test_it_shows_the_log_to_organisers_read_only(client: Client) -> None:
    signed_in(client, "organiser")
    entry = audit_record(user=None, action="view outbox", subject="page 1")

    html = client.get(LOG).content.decode()

    assert "view outbox" in html
    assert f"{LOG}add/" not in html
    assert client.get(f"{LOG}add/").status_code == 403
    page = client.get(f"{LOG}{entry.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert client.post(f"{LOG}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("role", ["moderator", "researcher"])
def test_it_hides_the_log_from_other_roles(client: Client, role: str) -> None:
    signed_in(client, role)
    audit_record(user=None, action="view outbox", subject="page 1")
    assert client.get(LOG).status_code == 403
    assert LOG not in client.get("/staff/").content.decode()

"""Roles in the staff area in words: a staff user's roles are checkboxes that say what each role
may do, in the page's language; permissions one by one are left to superusers."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db


def signed_in(client: Client, *, superuser: bool = False) -> User:
    user = staff_user(username="organiser1", role="organiser")
    if superuser:
        User.objects.filter(pk=user.pk).update(is_superuser=True)
    client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    return user


@pytest.mark.parametrize(
    ("prefix", "moderator"),
    [
        ("", "Moderator: appeal signatures and abuse signals, without emails"),
        ("/fa", "ناظر: امضاهای فراخوان و نشانه‌های سوءاستفاده، بدون ایمیل‌ها"),
    ],
)
def test_it_offers_the_roles_in_words(client: Client, prefix: str, moderator: str) -> None:
    newcomer = staff_user(username="newcomer", role="moderator")
    signed_in(client)
    page = client.get(f"{prefix}/staff/auth/user/{newcomer.pk}/change/").content.decode()
    assert 'type="checkbox" name="groups"' in page
    assert moderator in page
    assert 'name="user_permissions"' not in page
    assert moderator in client.get(f"{prefix}/staff/auth/group/").content.decode()


def test_it_leaves_permissions_one_by_one_to_superusers(client: Client) -> None:
    newcomer = staff_user(username="newcomer", role="moderator")
    signed_in(client, superuser=True)
    page = client.get(f"/staff/auth/user/{newcomer.pk}/change/").content.decode()
    assert 'name="user_permissions"' in page

import pytest
from django.contrib.auth.models import Group, Permission

from freethem.core.roles import ROLE_LABELS, role_grants

pytestmark = pytest.mark.django_db


def test_it_creates_every_role_as_a_group_on_migrate() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_LABELS)


def test_it_gives_organisers_every_permission() -> None:
    organiser = Group.objects.get(name="organiser")
    assert organiser.permissions.count() == Permission.objects.count()


@pytest.mark.parametrize("role", ["researcher", "moderator", "events"])
def test_it_limits_other_roles_to_their_apps(role: str) -> None:
    group = Group.objects.get(name=role)
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels <= set(role_grants(role))
    assert not group.permissions.filter(content_type__app_label="auth").exists()

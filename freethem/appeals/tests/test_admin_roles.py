"""What each role may do with appeals: moderators review signatures and abuse signals,
organisers do everything."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def permissions(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return set(
        group.permissions.filter(content_type__app_label="appeals").values_list(
            "codename", flat=True
        )
    )


def test_it_lets_moderators_review_signatures_and_abuse_rules_but_not_run_appeals() -> None:
    assert permissions("moderator") == {
        "view_appeal", "view_signature", "change_signature", "view_rule", "change_rule",
        "view_alert", "change_alert", "view_limits",
    }  # fmt: skip


def test_it_lets_organisers_do_everything_with_appeals() -> None:
    assert {"change_appeal", "delete_signature", "change_limits"} <= permissions("organiser")

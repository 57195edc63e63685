"""Values kept per process for a few seconds: fresh after `seconds`, at once after a change
saved here, and never more keys than allowed (keys may come from URLs)."""

import time

import pytest

from freethem.appeals.models import Rule
from freethem.core.memo import Memo


def test_it_loads_once_and_again_when_its_copy_expires() -> None:
    loads: list[str] = []
    memo = Memo(lambda key: loads.append(key) or f"value of {key}", seconds=0.2)
    assert memo.get("a") == memo.get("a") == "value of a"
    assert loads == ["a"]
    time.sleep(0.25)
    assert memo.get("a") == "value of a"
    assert loads == ["a", "a"]


@pytest.mark.django_db
def test_it_forgets_at_once_when_a_row_is_saved_or_deleted_here() -> None:
    memo = Memo(lambda: sorted(Rule.objects.values_list("value", flat=True)), seconds=60)
    memo.clear_on_change(Rule)
    before = memo.get()
    rule = Rule.objects.create(kind="domain", action="block", value="flood.example")
    assert memo.get() == sorted([*before, "flood.example"])
    rule.delete()
    assert memo.get() == before


def test_it_keeps_no_more_keys_than_allowed() -> None:
    memo = Memo(lambda key: key, seconds=60, max_keys=3)
    for key in range(10):
        memo.get(key)
    assert len(memo._values) <= 3

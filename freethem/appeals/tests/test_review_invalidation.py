"""Bulk invalidation by condition: the preview says what running does, running does exactly
that (or nothing, when the set changed), and undo restores the signatures it changed and the
count, leaving those that were suspect before as they were."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from freethem.appeals import services
from freethem.appeals.models import Appeal, Invalidation, Signature
from freethem.appeals.services import Conditions
from freethem.appeals.tests.test_admin_support import confirmed_count, make_appeal, make_signature
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db


def flood(appeal: Appeal, n: int = 3, **fields: Any) -> list[Signature]:
    fields.setdefault("ip", "198.51.100.9")
    return [make_signature(appeal, email=f"bot{i}@spam.example", **fields) for i in range(n)]


def state(signature: Signature) -> tuple[bool, bool, str]:
    signature.refresh_from_db()
    return signature.suspect, signature.held, signature.reasons


def test_it_previews_exactly_what_running_changes_and_undo_restores_it() -> None:
    appeal = make_appeal()
    other = make_appeal(slug="other")
    bots = flood(appeal, 3)
    pending = make_signature(appeal, email="p@spam.example", ip="198.51.100.20", confirmed=False)
    already = make_signature(
        appeal, email="s@spam.example", ip="198.51.100.21", suspect=True, reasons="ip-limit"
    )
    held = make_signature(appeal, email="h@spam.example", ip="198.51.100.22", held=True)
    good = make_signature(appeal, email="ada@example.org", ip="203.0.113.5")
    elsewhere = make_signature(other, email="bot@spam.example", ip="198.51.100.9")
    user = staff_user(username="mod", role="moderator")
    conditions = Conditions(appeal=appeal.pk, network="198.51.100.0/24")

    preview = services.invalidation_preview(conditions=conditions)

    assert preview.matched == 6 and preview.changed == 5 and preview.uncounted == 3
    [move] = preview.moves
    assert (move.appeal, move.changed, move.before, move.after) == (appeal, 5, 4, 1)

    done = services.invalidation_run(
        conditions=conditions, fingerprint=preview.fingerprint, user=user, reason="a bot farm"
    )

    assert done.changed == preview.changed and done.uncounted == preview.uncounted
    assert confirmed_count(appeal) == move.after == 1
    assert confirmed_count(other) == 1 and not state(elsewhere)[0] and not state(good)[0]
    for signature in [*bots, pending, held]:
        assert state(signature)[0] and state(signature)[2].split()[0] == "invalidated"
    assert state(already) == (True, False, "ip-limit")
    entry = AuditEntry.objects.get(action="invalidate signatures")
    assert entry.username == "mod" and "5 signatures" in entry.detail
    assert "a bot farm" in entry.detail and "free-them" in entry.subject

    restored = services.invalidation_undo(invalidation=done, user=user)

    assert restored == 5 and confirmed_count(appeal) == move.before == 4
    assert state(already) == (True, False, "ip-limit")  # suspect before: suspect after
    assert state(held) == (False, True, "")  # still held, as before
    assert state(bots[0]) == (False, False, "")
    assert Invalidation.objects.get().undone_by == "mod"
    assert AuditEntry.objects.filter(action="undo invalidation").count() == 1
    with pytest.raises(ValidationError):
        services.invalidation_undo(invalidation=done, user=user)


def test_it_refuses_to_run_when_the_set_changed_since_the_preview() -> None:
    appeal = make_appeal()
    flood(appeal, 2)
    conditions = Conditions(domain="spam.example")
    preview = services.invalidation_preview(conditions=conditions)
    late = make_signature(appeal, email="late@spam.example")
    user = staff_user(username="mod", role="moderator")

    with pytest.raises(ValidationError) as refused:
        services.invalidation_run(
            conditions=conditions, fingerprint=preview.fingerprint, user=user, reason="spam"
        )

    assert services.review.SET_CHANGED in refused.value.messages
    assert not Invalidation.objects.exists() and not state(late)[0]
    assert confirmed_count(appeal) == 3
    again = services.invalidation_preview(conditions=conditions)
    assert again.changed == 3 and again.fingerprint != preview.fingerprint


def test_a_signature_confirmed_since_the_preview_changes_the_set() -> None:
    appeal = make_appeal()
    waiting = make_signature(appeal, email="w@spam.example", confirmed=False)
    conditions = Conditions(domain="spam.example")
    preview = services.invalidation_preview(conditions=conditions)
    Signature.objects.filter(pk=waiting.pk).update(state="confirmed")
    user = staff_user(username="mod", role="moderator")

    with pytest.raises(ValidationError):
        services.invalidation_run(
            conditions=conditions, fingerprint=preview.fingerprint, user=user, reason="spam"
        )


def test_it_matches_each_condition() -> None:
    appeal = make_appeal()
    now = timezone.now()
    old = make_signature(appeal, email="a@old.example", created_at=now - timedelta(days=3))
    sub = make_signature(appeal, email="b@mail.spam.example", country="IR", ip="2001:db8:1::5")
    one = make_signature(appeal, email="c@x.example", ip="192.0.2.77")
    near = make_signature(appeal, email="d@x.example", ip="192.0.2.3")

    def matched(**given: object) -> set[int]:
        return set(services.signatures_matching(Conditions(**given)).values_list("pk", flat=True))

    assert matched(domain="spam.example") == {sub.pk}
    assert matched(domain="@OLD.example") == {old.pk}
    assert matched(until=now - timedelta(days=1)) == {old.pk}
    assert matched(since=now - timedelta(days=1), country="DE") == {one.pk, near.pk}
    assert matched(network="2001:db8::/40") == {sub.pk}
    assert matched(network="192.0.2.64/26") == {one.pk}  # narrower than /24: address by address
    assert matched(network="192.0.2.77") == {one.pk}
    assert matched(network="192.0.0.0/16") == {one.pk, near.pk}
    for wrong in ({"network": "10.0.0.0/8"}, {"network": "not an address"}, {}):
        with pytest.raises(ValidationError):
            matched(**wrong)


def test_a_reason_is_required() -> None:
    appeal = make_appeal()
    flood(appeal, 1)
    conditions = Conditions(domain="spam.example")
    preview = services.invalidation_preview(conditions=conditions)
    user = staff_user(username="mod", role="moderator")

    with pytest.raises(ValidationError):
        services.invalidation_run(
            conditions=conditions, fingerprint=preview.fingerprint, user=user, reason="  "
        )

    assert confirmed_count(appeal) == 1


def test_another_subject_can_add_a_condition(monkeypatch: pytest.MonkeyPatch) -> None:
    appeal = make_appeal()
    ad = make_signature(appeal, email="a@example.org", city="ad-1")
    make_signature(appeal, email="b@example.org")
    by_city = services.ExtraCondition(
        label="source code",
        matches=lambda found, value: found.filter(city=value),
        choices=lambda: [("ad-1", "Ad 1")],
    )
    monkeypatch.setitem(services.EXTRA_CONDITIONS, "source", by_city)

    found = services.signatures_matching(Conditions(extra=(("source", "ad-1"),)))

    assert list(found) == [ad]
    assert services.Conditions.from_json(Conditions(extra=(("source", "x"),)).as_json()).extra


def test_it_invalidates_what_came_through_one_source_code_and_undoes_it() -> None:
    appeal = make_appeal()
    forum = services.source_code_create(appeal=appeal, label="A forum", code="forum-1")
    other = services.source_code_create(appeal=appeal, label="A partner's list", code="list-2")
    through_forum = flood(appeal, 3)
    for signature in through_forum:
        services.attribution_record(signature=signature, via=services.Via(source_id=forum.pk))
    listed = make_signature(appeal, email="ada@example.org")
    services.attribution_record(signature=listed, via=services.Via(source_id=other.pk))
    direct = make_signature(appeal, email="bob@example.org")
    user = staff_user(username="mod", role="moderator")
    conditions = Conditions(appeal=appeal.pk, extra=(("source", str(forum.pk)),))
    assert (str(forum.pk), f"forum-1 · A forum ({appeal.slug})") in services.EXTRA_CONDITIONS[
        "source"
    ].choices()

    preview = services.invalidation_preview(conditions=conditions)
    done = services.invalidation_run(
        conditions=conditions, fingerprint=preview.fingerprint, user=user, reason="forum bots"
    )

    assert preview.changed == done.changed == 3
    assert confirmed_count(appeal) == 2 and not state(listed)[0] and not state(direct)[0]
    services.invalidation_undo(invalidation=done, user=user)
    assert confirmed_count(appeal) == 5
    # A value that names no source code matches nothing, rather than everything.
    odd = Conditions(appeal=appeal.pk, extra=(("source", "1 OR 1=1"),))
    assert services.invalidation_preview(conditions=odd).matched == 0

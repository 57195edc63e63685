"""The review queue's bulk decisions as services: approving counts the confirmed ones,
rejecting keeps them off the count and out of the queue, each audited."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from freethem.appeals import services
from freethem.appeals.models import Signature
from freethem.appeals.tests.test_admin_support import confirmed_count, make_appeal, make_signature
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_it_approves_in_bulk() -> None:
    appeal = make_appeal()
    held = make_signature(appeal, email="h@example.org", held=True, reasons="no-pow")
    both = make_signature(appeal, email="b@example.org", held=True, suspect=True)
    waiting = make_signature(appeal, email="w@example.org", suspect=True, confirmed=False)
    make_signature(appeal, email="ok@example.org")
    user = staff_user(username="mod", role="moderator")

    changed = services.review_approve(
        signatures=Signature.objects.all(), user=user, why="real people at a rally"
    )

    assert changed == 3
    assert confirmed_count(appeal) == 3  # the unconfirmed one still waits for its email
    held.refresh_from_db()
    assert not held.held and held.reasons == "no-pow"
    assert not services.review_queue().filter(pk__in=[both.pk, waiting.pk]).exists()
    entry = AuditEntry.objects.get(action="approve signatures")
    assert "3 signatures, 2 onto the count" in entry.detail and "rally" in entry.detail


def test_it_rejects_in_bulk_and_the_rejected_leave_the_queue() -> None:
    appeal = make_appeal()
    held = make_signature(appeal, email="h@example.org", held=True, reasons="no-pow")
    suspect = make_signature(appeal, email="s@example.org", suspect=True, reasons="ip-limit")
    make_signature(appeal, email="ok@example.org")
    user = staff_user(username="mod", role="moderator")

    changed = services.review_reject(
        signatures=Signature.objects.all(), user=user, why="a bot farm"
    )

    assert changed == 2 and confirmed_count(appeal) == 1
    assert not services.review_queue().exists()
    assert set(services.review_rejected()) == {held, suspect}
    held.refresh_from_db()
    assert held.suspect and held.reasons == "rejected no-pow"
    assert AuditEntry.objects.get(action="reject signatures").username == "mod"

    # Changing one's mind: approving a rejected signature counts it, the mark goes.
    services.review_approve(signatures=services.review_rejected(), user=user, why="mistake")

    held.refresh_from_db()
    assert (held.suspect, held.held, held.reasons) == (False, False, "no-pow")
    assert confirmed_count(appeal) == 3


def test_a_decision_needs_a_reason() -> None:
    appeal = make_appeal()
    make_signature(appeal, email="h@example.org", held=True)
    user = staff_user(username="mod", role="moderator")

    with pytest.raises(ValidationError):
        services.review_approve(signatures=Signature.objects.all(), user=user, why="")

    assert confirmed_count(appeal) == 0 and not AuditEntry.objects.exists()


def test_the_signer_sees_nothing_of_a_rejection_or_an_invalidation(client: Client) -> None:
    appeal = make_appeal()
    held = make_signature(appeal, email="h@bots.example", held=True, reasons="no-pow")
    counted = make_signature(appeal, email="c@bots.example")
    user = staff_user(username="mod", role="moderator")

    tokens = {signature.pk: services.personal_token(signature) for signature in (held, counted)}

    def seen(signature: Signature) -> list[str]:
        base = f"/appeals/{appeal.slug}/you/{tokens[signature.pk]}/"
        pages = [client.get(base).content.decode(), client.get(f"{base}data.json").content.decode()]
        return [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page) for page in pages]

    before = {held.pk: seen(held), counted.pk: seen(counted)}
    services.review_reject(signatures=Signature.objects.filter(pk=held.pk), user=user, why="x")
    conditions = services.Conditions(domain="bots.example")
    preview = services.invalidation_preview(conditions=conditions)
    services.invalidation_run(
        conditions=conditions, fingerprint=preview.fingerprint, user=user, reason="bots"
    )

    counted.refresh_from_db()
    assert counted.suspect and confirmed_count(appeal) == 0
    assert seen(held) == before[held.pk] and seen(counted) == before[counted.pk]

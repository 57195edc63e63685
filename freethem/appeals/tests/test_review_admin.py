"""The review queue, bulk invalidation and the signatures' export in the staff area, as
moderators and organisers use them."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from freethem.appeals.models import Invalidation, Signature
from freethem.appeals.services import review
from freethem.appeals.tests.test_admin_support import (
    SIGNATURES,
    confirmed_count,
    make_appeal,
    make_signature,
    signed_in,
)
from freethem.core.models import AuditEntry
from freethem.core.spreadsheet import unguard

pytestmark = pytest.mark.django_db

QUEUE = "/staff/appeals/reviewsignature/"
INVALIDATE = "/staff/appeals/invalidation/add/"
SECRET_EMAIL = "hidden-local-part@spam.example"
SECRET_IP = "198.51.100.77"


def queue_signatures() -> tuple:
    appeal = make_appeal()
    held = make_signature(
        appeal, email=SECRET_EMAIL, ip=SECRET_IP, name="Held Person", held=True, reasons="no-pow"
    )
    suspect = make_signature(
        appeal, email="b@spam.example", name="Suspect Person", suspect=True, reasons="ip-limit",
        country="IR",
    )  # fmt: skip
    make_signature(appeal, email="ok@example.org", name="Counted Person")
    return appeal, held, suspect


def html(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_it_lists_held_and_suspect_signatures_with_reasons_in_words(client: Client) -> None:
    queue_signatures()
    signed_in(client, role="moderator")

    page = html(client.get(QUEUE))

    assert "Held Person" in page and "Suspect Person" in page and "Counted Person" not in page
    assert "No browser check" in page and "Too many from one address" in page
    assert "spam.example" in page  # the email domain, for moderators too
    assert "hidden-local-part" not in page and SECRET_IP not in page


def test_it_filters_by_reason_and_country(client: Client) -> None:
    queue_signatures()
    signed_in(client, role="moderator")

    by_reason = html(client.get(QUEUE, {"reason": "no-pow"}))
    by_country = html(client.get(QUEUE, {"country": "IR"}))

    assert "Held Person" in by_reason and "Suspect Person" not in by_reason
    assert "Suspect Person" in by_country and "Held Person" not in by_country


def test_it_approves_a_selection_after_showing_how_many(client: Client) -> None:
    appeal, held, suspect = queue_signatures()
    signed_in(client, role="moderator")
    chosen = {"action": "approve", "_selected_action": [held.pk, suspect.pk]}

    asked = html(client.post(QUEUE, chosen))

    assert "2 signatures will be released" in asked and confirmed_count(appeal) == 1

    done = client.post(QUEUE, {**chosen, "confirm": "yes", "expected": 2, "why": "checked"})

    assert done.status_code == 302 and confirmed_count(appeal) == 3
    entry = AuditEntry.objects.get(action="approve signatures")
    assert entry.username == "moderator1" and "2 signatures" in entry.detail


def test_it_rejects_every_signature_matching_the_filters(client: Client) -> None:
    appeal, held, _suspect = queue_signatures()
    other = make_signature(appeal, email="c@spam.example", held=True, reasons="no-pow")
    signed_in(client, role="moderator")
    every = {"action": "reject", "select_across": "1", "_selected_action": [held.pk]}

    asked = html(client.post(f"{QUEUE}?reason=no-pow", every))

    assert "2 signatures will be rejected" in asked and "every signature matching" in asked

    client.post(f"{QUEUE}?reason=no-pow", {**every, "confirm": "yes", "expected": 2, "why": "x"})

    assert set(review.review_rejected()) == {held, other}
    assert "Held Person" not in html(client.get(QUEUE))
    assert "Held Person" in html(client.get(QUEUE, {"decision": "rejected"}))
    assert confirmed_count(appeal) == 1
    assert AuditEntry.objects.filter(action="reject signatures").count() == 1


def test_it_asks_again_when_the_number_changed(client: Client) -> None:
    appeal, held, _suspect = queue_signatures()
    signed_in(client, role="moderator")
    every = {"action": "approve", "select_across": "1", "_selected_action": [held.pk]}

    again = html(client.post(QUEUE, {**every, "confirm": "yes", "expected": 1, "why": "x"}))

    assert "changed since this page was shown" in again
    assert confirmed_count(appeal) == 1 and not AuditEntry.objects.exists()


def test_staff_without_signatures_may_not_open_the_queue(client: Client) -> None:
    signed_in(client, role="researcher")

    assert client.get(QUEUE).status_code == 403
    assert client.get(INVALIDATE).status_code == 403


def export(client: Client, url: str, *signatures: Signature) -> list[list[str]]:
    response = client.post(
        url, {"action": "export_signatures", "_selected_action": [s.pk for s in signatures]}
    )
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    return [[unguard(cell) for cell in row] for row in csv.reader(io.StringIO(text))]


def test_a_moderators_export_has_no_email_or_ip(client: Client) -> None:
    _appeal, held, suspect = queue_signatures()
    signed_in(client, role="moderator")

    for url in (QUEUE, SIGNATURES):
        rows = export(client, url, held, suspect)
        text = repr(rows)
        assert rows[0][:3] == ["appeal", "name_as_shown", "show_name_as"]
        assert "email" not in rows[0] and "ip" not in rows[0] and "full_name" not in rows[0]
        assert "hidden-local-part" not in text and SECRET_IP not in text
        assert len(rows) == 3 and "spam.example" in text
    entry = AuditEntry.objects.filter(action="export signatures").first()
    assert "without emails or IPs" in entry.detail and "2 signatures" in entry.detail


def test_an_organisers_export_has_the_personal_data(client: Client) -> None:
    _appeal, held, _suspect = queue_signatures()
    signed_in(client, role="organiser")

    [header, row] = export(client, SIGNATURES, held)

    found = dict(zip(header, row, strict=True))
    assert found["email"] == SECRET_EMAIL and found["ip"] == SECRET_IP
    assert found["full_name"] == "Held Person" and found["reasons"] == "no-pow"
    entry = AuditEntry.objects.get(action="export signatures")
    assert entry.username == "organiser1" and "with names, emails and IPs" in entry.detail


def test_a_moderator_previews_runs_and_undoes_an_invalidation(client: Client) -> None:
    appeal, _held, _suspect = queue_signatures()
    bots = [make_signature(appeal, email=f"bot{i}@bots.example") for i in range(3)]
    signed_in(client, role="moderator")
    conditions = {"domain": "bots.example", "appeal": appeal.pk}

    preview = html(client.get(INVALIDATE, conditions))

    assert "3 signatures will be marked suspect" in preview
    assert "4 → 1" in preview and confirmed_count(appeal) == 4
    fingerprint = review.invalidation_preview(
        conditions=review.Conditions(domain="bots.example", appeal=appeal.pk)
    ).fingerprint
    assert fingerprint in preview

    ran = client.post(INVALIDATE, {**conditions, "fingerprint": fingerprint, "reason": "bots"})

    done = Invalidation.objects.get()
    assert ran.status_code == 302 and ran["Location"].endswith(f"/invalidation/{done.pk}/change/")
    assert confirmed_count(appeal) == 1 and done.changed == 3
    page = html(client.get(ran["Location"]))
    assert "Undo this invalidation" in page and "bots.example" in page

    client.post(f"/staff/appeals/invalidation/{done.pk}/undo/")

    assert confirmed_count(appeal) == 4
    assert not Signature.objects.filter(pk__in=[b.pk for b in bots], suspect=True).exists()
    assert "Undo this invalidation" not in html(client.get(ran["Location"]))


def test_a_run_whose_set_changed_is_refused_with_a_new_preview(client: Client) -> None:
    appeal = make_appeal()
    make_signature(appeal, email="bot1@bots.example")
    signed_in(client, role="moderator")
    fingerprint = review.invalidation_preview(
        conditions=review.Conditions(domain="bots.example")
    ).fingerprint
    make_signature(appeal, email="bot2@bots.example")

    page = html(
        client.post(
            INVALIDATE, {"domain": "bots.example", "fingerprint": fingerprint, "reason": "bots"}
        )
    )

    assert "changed since the preview" in page and "2 signatures will be marked" in page
    assert not Invalidation.objects.exists() and confirmed_count(appeal) == 2


def test_the_conditions_form_says_what_is_wrong(client: Client) -> None:
    signed_in(client, role="moderator")

    empty = html(client.get(INVALIDATE, {"domain": ""}))
    wide = html(client.get(INVALIDATE, {"network": "10.0.0.0/8"}))

    assert "Give at least one condition." in empty
    assert "That range is too wide" in wide

"""The data lifecycle: IPs erased after the retention period, personal data erased a while
after an appeal closes (keeping the count and the names shown), and hourly count snapshots."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from freethem.appeals.models import Appeal, AppealState, CountSnapshot, Display, Limits, Signature
from freethem.appeals.services import (
    ips_erase,
    personal_data_erase,
    run_periodic,
    snapshot_counts,
)
from freethem.appeals.tests.test_admin_support import (
    confirmed_count,
    make_appeal,
    make_signature,
)
from freethem.core.crypto import keyed_hash

pytestmark = pytest.mark.django_db


def test_it_erases_ips_after_thirty_days_and_keeps_the_signature() -> None:
    now = timezone.now()
    appeal = make_appeal()
    old = make_signature(appeal, email="old@example.org", created_at=now - timedelta(days=31))
    new = make_signature(appeal, email="new@example.org", created_at=now - timedelta(days=29))

    assert ips_erase(now=now) == 1

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.ip, old.network_hash) == (None, "")
    assert old.email == "old@example.org" and old.counts  # still there, still counted
    assert new.ip == "203.0.113.7" and new.network_hash
    assert ips_erase(now=now) == 0  # nothing left to do


def test_it_keeps_ips_as_long_as_the_organisers_set() -> None:
    Limits.objects.update_or_create(pk=1, defaults={"ip_retention_days": 7})
    now = timezone.now()
    signature = make_signature(
        make_appeal(), email="a@example.org", created_at=now - timedelta(days=8)
    )
    ips_erase(now=now)
    signature.refresh_from_db()
    assert signature.ip is None


def closed_appeal(days_ago: int, **fields: Any) -> Appeal:
    return make_appeal(
        state=AppealState.CLOSED, closes_at=timezone.now() - timedelta(days=days_ago), **fields
    )


def test_it_erases_personal_data_after_an_appeal_closed_keeping_count_and_shown_names() -> None:
    appeal = closed_appeal(184)
    make_signature(appeal, email="full@example.org", name="Ada Lovelace", wants_updates=True)
    make_signature(appeal, email="first@example.org", name="Grace Hopper", display=Display.FIRST)
    make_signature(
        appeal,
        email="hidden@example.org",
        name="Secret Person",
        display=Display.HIDDEN,
        city="Tabriz",
        affiliation="Union",
    )
    make_signature(appeal, email="never@example.org", name="Never Confirmed", confirmed=False)

    erased = personal_data_erase(now=timezone.now())

    assert (erased.signatures, erased.deleted) == (3, 1)
    assert confirmed_count(appeal) == 3
    signatures = list(Signature.objects.filter(appeal=appeal))
    assert len(signatures) == 3
    assert {s.public_name for s in signatures} == {"Ada Lovelace", "Grace", ""}
    assert {s.country.code for s in signatures} == {"DE"}
    assert {s.name for s in signatures} == {"Ada Lovelace", ""}  # full names never shown: gone
    for signature in signatures:
        assert signature.email is None and signature.ip is None
        assert signature.network_hash == "" and signature.email_domain == ""
    hidden = next(s for s in signatures if s.display == Display.HIDDEN)
    assert (hidden.city, hidden.affiliation) == ("", "")
    # No trace of any address is left, not even its keyed hash.
    for address in ("full", "first", "hidden", "never"):
        email = f"{address}@example.org"
        assert not Signature.objects.filter(email_hash=keyed_hash(email, purpose="email"))
        assert not any(email in (s.email or "") for s in Signature.objects.all())
    assert personal_data_erase(now=timezone.now()).signatures == 0


def test_it_keeps_personal_data_until_the_wait_after_closing_is_over() -> None:
    appeal = closed_appeal(100)
    make_signature(appeal, email="kept@example.org")
    open_appeal = make_appeal(slug="running")
    make_signature(open_appeal, email="running@example.org", created_at=timezone.now())

    assert personal_data_erase(now=timezone.now()).signatures == 0
    assert set(Signature.objects.values_list("email_domain", flat=True)) == {"example.org"}
    assert Signature.objects.get(appeal=appeal).email == "kept@example.org"


def test_it_counts_the_wait_from_when_an_appeal_was_closed_by_hand() -> None:
    appeal = make_appeal(state=AppealState.CLOSED, erase_after_days=10)
    make_signature(appeal, email="a@example.org")
    now = timezone.now()

    personal_data_erase(now=now)  # notes the close date: the wait starts now
    appeal.refresh_from_db()
    assert appeal.closes_at == now
    assert Signature.objects.get().email == "a@example.org"

    erased = personal_data_erase(now=now + timedelta(days=10))
    assert erased.signatures == 1
    assert Signature.objects.get().email is None


def test_it_erases_when_the_close_date_passed_even_if_still_marked_open() -> None:
    appeal = make_appeal(closes_at=timezone.now() - timedelta(days=200))
    make_signature(appeal, email="a@example.org")
    assert personal_data_erase(now=timezone.now()).signatures == 1


def test_it_writes_one_snapshot_per_open_or_paused_appeal_per_hour() -> None:
    running = make_appeal(slug="running")
    paused = make_appeal(slug="paused", state=AppealState.PAUSED)
    make_appeal(slug="draft", state=AppealState.DRAFT)
    make_appeal(slug="closed", state=AppealState.CLOSED)
    make_signature(running, email="a@example.org", country="DE")
    make_signature(running, email="b@example.org", country="FR")
    make_signature(running, email="c@example.org", country="FR")
    make_signature(running, email="d@example.org", confirmed=False)
    noon = timezone.now().replace(hour=12, minute=5)

    assert snapshot_counts(now=noon) == 2
    assert snapshot_counts(now=noon + timedelta(minutes=50)) == 0  # same hour: nothing new
    make_signature(running, email="e@example.org", country="IR")
    assert snapshot_counts(now=noon + timedelta(hours=1)) == 2

    history = list(CountSnapshot.objects.filter(appeal=running))
    assert [(s.hour.hour, s.hour.minute, s.confirmed, s.countries) for s in history] == [
        (12, 0, 3, 2),
        (13, 0, 4, 3),
    ]
    assert CountSnapshot.objects.filter(appeal=paused).count() == 2


def test_it_runs_every_job_from_the_worker_and_the_command() -> None:
    appeal = make_appeal()
    make_signature(appeal, email="a@example.org", created_at=timezone.now() - timedelta(days=40))

    run_periodic()

    assert Signature.objects.get().ip is None
    assert CountSnapshot.objects.filter(appeal=appeal).count() == 1


def test_it_reports_what_the_command_did(capsys: pytest.CaptureFixture[str]) -> None:
    make_signature(
        make_appeal(), email="a@example.org", created_at=timezone.now() - timedelta(days=40)
    )
    call_command("appeals_lifecycle")
    out = capsys.readouterr().out
    assert "IP addresses erased: 1" in out
    assert "Count snapshots written: 1" in out

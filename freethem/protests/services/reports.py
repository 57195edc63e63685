"""Reports of protests from the public: anyone may send one, without an account; staff decide.

What is kept: the report (date, place down to the town, what happened, links) and, only if the
reporter gives it, a way to reach them, encrypted and shown to organisers only. What is not:
the reporter's IP address (it is used for the flood limits as a keyed hash in a counter that
expires, never stored with the report) or any location of theirs.

Floods: a filled-in honeypot or a forged or replayed proof of work is taken silently and
dropped (the page thanks the sender either way, so a bot learns nothing). A report without a
proof (JavaScript off) is kept: a person reads every report anyway. Past a few reports an
hour from one address or network, or too many from everywhere, the form says to try later.
"""

import enum
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from freethem.appeals.defences import NO_POW, network_hash, pow_verify
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash
from freethem.protests.models import ParticipantGroup, ProtestReport
from freethem.protests.vocab import ReportState

HOUR = 60 * 60
PER_ADDRESS = 5
PER_NETWORK = 20
# Reports from everywhere in an hour: what staff can read, and a bound on what a botnet adds.
PER_HOUR = 300


class Outcome(enum.Enum):
    SAVED = "saved"
    DROPPED = "dropped"  # honeypot or bad proof: thanked, not kept
    LIMITED = "limited"  # over a flood limit: asked to try later, not kept


def report_limited(*, ip: str) -> bool:
    """Count one report from this address; True when it is over a limit."""
    counts = [(ratelimit.hit("protest-report:all", window=HOUR), PER_HOUR)]
    if ip:
        address = keyed_hash(ip, purpose="ip")
        counts.append((ratelimit.hit(f"protest-report:ip:{address}", window=HOUR), PER_ADDRESS))
        network = network_hash(ip)
        if network:
            key = f"protest-report:net:{network}"
            counts.append((ratelimit.hit(key, window=HOUR), PER_NETWORK))
    return any(count > limit for count, limit in counts)


def report_trusted(*, trap: str, proof: str) -> bool:
    """False for a bot's report: the honeypot filled in, or a forged, expired or reused proof.
    No proof at all (JavaScript off) is trusted: a person reads every report."""
    if trap:
        return False
    checked = pow_verify(proof)
    if checked.problem == NO_POW:
        return True
    if checked.problem:
        return False
    return ratelimit.first_use(checked.replay_key, until=checked.until)


def report_submit(
    *,
    date: date,
    country: str,
    province: str,
    location: str,
    description: str,
    size_text: str = "",
    groups: Iterable[ParticipantGroup] = (),
    links: str = "",
    contact: str = "",
    language: str = "en",
    ip: str = "",
    trap: str = "",
    proof: str = "",
) -> tuple[Outcome, ProtestReport | None]:
    """Keep a report from the public as a new report for staff, unless the defences say no."""
    if report_limited(ip=ip):
        return Outcome.LIMITED, None
    if not report_trusted(trap=trap, proof=proof):
        return Outcome.DROPPED, None
    report = ProtestReport(
        state=ReportState.NEW,
        date=date,
        country=country,
        province=province,
        location=location,
        description=description,
        size_text=size_text,
        links=links,
        contact=contact,
        language=language,
    )
    report.full_clean()
    with transaction.atomic():
        report.save()
        report.groups.set(groups)
    return Outcome.SAVED, report

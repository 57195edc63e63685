"""The defences' writes: the counts a signing or a mail takes (freethem.appeals.defences holds
the checks that need no write, the rules and the limits).

Both run inside the caller's transaction, so a signature and the counts it took are stored
together.
"""

import logging

from freethem.appeals.defences import (
    DAY,
    HOUR,
    LIMITS,
    NO_POW,
    POW_REUSED,
    SUSPECT_MAILS_PER_ADDRESS,
    SUSPECT_MAILS_PER_NETWORK,
    Checks,
    Source,
    Verdict,
    network_hash,
)
from freethem.appeals.models import Alert, RuleKind
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash

logger = logging.getLogger(__name__)


def checks_record(checks: Checks) -> Verdict:
    """Take the counts the checks found still to take: the proof of work is used once, and
    each source's hourly counter goes up. Returns the final verdict."""
    verdict = Verdict(
        suspect=checks.verdict.suspect,
        held=checks.verdict.held,
        reasons=list(checks.verdict.reasons),
    )
    proof = checks.proof
    if proof.replay_key and not ratelimit.first_use(proof.replay_key, until=proof.until):
        verdict.reasons.append(POW_REUSED)
    for source in checks.sources:
        reason = _source_count(source, checks.alert_threshold)
        if reason:
            verdict.reasons.append(reason)
    verdict.suspect = verdict.suspect or any(reason != NO_POW for reason in verdict.reasons)
    return verdict


def _source_count(source: Source, alert_threshold: int) -> str | None:
    """Count one signing from source; the reason when it is over its limit."""
    key = source.key if source.kind != RuleKind.DOMAIN else keyed_hash(source.key, purpose="domain")
    count = ratelimit.hit(f"{source.reason}:{key}", window=HOUR)
    # The atomic counter gives each signing its own count, so exactly one sees this number:
    # one alert per source per hour, without a lookup.
    if count == alert_threshold + 1:
        Alert.objects.create(
            kind=source.kind, source=source.key, label=source.label[:100], count=count
        )
        logger.warning("abuse alert: %s signatures in an hour from one source", count)
    return source.reason if count > source.limit else None


def mail_allowance_take(*, email_hash: str, ip: str, suspect: bool) -> bool:
    """Take one mail that a signer's request would send (signing, signing again, asking for a
    new link) from the allowances of the address and of the client's network (/24, /48):
    False once either has had its share this hour (Limits), or, for a suspect signature, far
    fewer. The caller then sends nothing and shows the same page, so the sender cannot tell."""
    limits = LIMITS.get()
    network = network_hash(ip) or "none"
    # The address's counters first: a network's share is taken only by mails its address
    # allowed, so one address asking again and again does not use up a venue's mails.
    counted = [(f"mail-address:{email_hash}", HOUR, limits.mails_per_address)]
    if suspect:
        counted += [
            (f"suspect-mail-address:{email_hash}", DAY, SUSPECT_MAILS_PER_ADDRESS),
            (f"suspect-mail-network:{network}", HOUR, SUSPECT_MAILS_PER_NETWORK),
        ]
    counted.append((f"mail-network:{network}", HOUR, limits.mails_per_network))
    # all() stops at the first counter over its limit: the ones after it take no hit.
    return all(ratelimit.hit(key, window=window) <= limit for key, window, limit in counted)

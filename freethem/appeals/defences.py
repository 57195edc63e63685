"""Defences of the sign form against fake signatures.

What is caught is taken silently and marked (suspect, or held for review), never refused with
a message, so whoever floods the form learns nothing about what tripped. Only a disposable
email domain is refused openly (refused_domain), since a real signer can fix that.

- A honeypot field hidden from people: a bot that fills it is suspect.
- A proof of work (ALTCHA, self-hosted): the browser finds a counter the server chose, about
  a second of work on a phone. A bad, expired or reused solution is suspect; no solution at
  all (JavaScript off) is held for review, since real people sign that way too.
- Block rules (IP ranges, email domains, emails) mark suspect. Allow rules lift the limits of
  their kind: an allowed network skips the IP and network limits (an office behind one
  address), an allowed domain skips the domain limit (large providers get such rules by
  default, migration 0002), an allowed email skips every limit.
- Hourly limits per IP, per network (/24, /48) and per email domain (Limits, tunable). The
  counters are shared by all processes (freethem.core.ratelimit) and keyed by keyed hashes,
  so no IP address is stored in clear. A source that passes Limits.alert_threshold in an hour
  raises one Alert for staff.
"""

import ipaddress
import logging
import secrets
import time
from dataclasses import dataclass, field

import altcha
from disposable_email_domains import blocklist as disposable_domains
from django import forms
from django.db.models import Q
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from freethem.appeals.models import Alert, Appeal, Limits, Rule, RuleAction, RuleKind
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash

logger = logging.getLogger(__name__)

# Proof of work: PBKDF2 (native Web Crypto in the browser) from a counter the server picks; the
# browser tries counters from 0 up, in one worker per core, until one gives the same key, so
# the work is about POW_COST * counter rounds. Measured with headless Chromium on 2 cores:
# ~0.1 s per 1,000 counters, so ~0.3 s on average here and about a second on a mid-range
# phone. Making and checking a challenge costs the server ~0.2 ms.
POW_ALGORITHM = "PBKDF2/SHA-256"
POW_COST = 250
POW_COUNTER_MIN = 500
POW_COUNTER_MAX = 5000
# A challenge must be solved and sent within this time, and is accepted once.
POW_TTL = 20 * 60

HOUR = 60 * 60

# Reasons stored on a signature (Signature.reasons), for staff.
NO_POW = "no-pow"
POW_INVALID = "pow-invalid"
POW_REUSED = "pow-reused"
HONEYPOT = "honeypot"
BLOCKED = {RuleKind.NETWORK: "blocked-ip", RuleKind.DOMAIN: "blocked-domain",
           RuleKind.EMAIL: "blocked-email"}  # fmt: skip
OVER_IP_LIMIT = "ip-limit"
OVER_NETWORK_LIMIT = "network-limit"
OVER_DOMAIN_LIMIT = "domain-limit"


@dataclass
class Verdict:
    suspect: bool = False  # taken silently, not counted
    held: bool = False  # signed without the browser check: held for review
    reasons: list[str] = field(default_factory=list)


class TrapInput(forms.TextInput):
    """The honeypot's input: hidden by the class in defences.css (never an inline style, which
    the CSP forbids), out of the tab order and the accessibility tree, never autofilled."""

    def __init__(self) -> None:
        super().__init__(
            attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true",
                   "class": "defence-trap-input"}
        )  # fmt: skip


class DefenceFields(forms.Form):
    """Fields the sign form inherits: the honeypot and the proof-of-work solution.

    templates/appeals/_defences.html renders both (include it inside the <form>); a template
    that loops over the form's fields should skip them (`field.name in form.defence_fields`).
    """

    defence_fields = ("website", "altcha")

    # Named like a field a form might really have, so bots fill it in.
    website = forms.CharField(label=_("Website"), required=False, max_length=200,
                              widget=TrapInput())  # fmt: skip
    # Filled in by the ALTCHA widget's own hidden input; empty without JavaScript.
    altcha = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)


# Proof of work -------------------------------------------------------------------------------


def _secret(purpose: str) -> str:
    return salted_hmac("freethem.appeals.defences", purpose).hexdigest()


def challenge_create() -> dict:
    """A fresh ALTCHA challenge, signed with a key derived from SECRET_KEY."""
    counter = POW_COUNTER_MIN + secrets.randbelow(POW_COUNTER_MAX - POW_COUNTER_MIN)
    challenge = altcha.create_challenge(
        algorithm=POW_ALGORITHM,
        cost=POW_COST,
        counter=counter,
        expires_at=int(time.time()) + POW_TTL,
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("derived key"),
    )
    return challenge.to_dict()


def pow_check(payload: str) -> str | None:
    """None when payload is a valid, fresh, unused solution; otherwise the reason."""
    if not payload:
        return NO_POW
    try:
        result = altcha.verify_solution(
            payload, _secret("challenge"), hmac_key_secret=_secret("derived key")
        )
        decoded = altcha.Payload.from_base64(payload) if result.verified else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return POW_INVALID
    if decoded is None:
        return POW_INVALID
    expires_at = decoded.challenge.parameters.expires_at or int(time.time()) + POW_TTL
    if not ratelimit.first_use(f"pow:{decoded.challenge.signature}"[:90], until=expires_at):
        return POW_REUSED
    return None


# Domains and rules ---------------------------------------------------------------------------


def _domain_and_parents(domain: str) -> list[str]:
    """ "a.b.example.org" -> ["a.b.example.org", "b.example.org", "example.org"]."""
    labels = domain.lower().strip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] or [domain.lower()]


def refused_domain(domain: str) -> bool:
    """True for a disposable-email domain (or a subdomain of one) that no allow rule lets in:
    the sign form refuses it with a message."""
    candidates = _domain_and_parents(domain)
    if not any(candidate in disposable_domains for candidate in candidates):
        return False
    allowed = Rule.objects.filter(
        kind=RuleKind.DOMAIN, action=RuleAction.ALLOW, value__in=candidates
    )
    return not allowed.exists()


def network_of(ip: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The /24 (IPv4) or /48 (IPv6) the address belongs to; None for no valid address."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return ipaddress.ip_network(f"{address}/{prefix}", strict=False)


def network_hash(ip: str) -> str:
    """Keyed hash of the address's /24 or /48, as in Signature.network_hash; "" without one."""
    network = network_of(ip)
    return keyed_hash(str(network), purpose="network") if network else ""


def masked(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str:
    """What staff see of one address in this network: 203.0.113.x, or 2001:db8:1::x."""
    if network.version == 4:
        return ".".join(str(network.network_address).split(".")[:3]) + ".x"
    return f"{network.network_address}x"


def _matching_rules(email_hash: str, email_domain: str, ip: str) -> list[Rule]:
    rules = Rule.objects.filter(
        Q(kind=RuleKind.NETWORK)
        | Q(kind=RuleKind.DOMAIN, value__in=_domain_and_parents(email_domain))
        | Q(kind=RuleKind.EMAIL, value=email_hash)
    )
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        address = None
    return [rule for rule in rules if rule.kind != RuleKind.NETWORK or _in(address, rule.value)]


def _in(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None, network: str) -> bool:
    try:
        return address is not None and address in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


# Limits and alerts ---------------------------------------------------------------------------


@dataclass
class Source:
    """One thing signatures come from, as counted for the limits."""

    kind: str  # RuleKind
    key: str  # keyed hash, or the domain
    label: str  # what staff see
    limit: int
    reason: str


def _sources(ip: str, email_domain: str, limits: Limits, allowed: set[str]) -> list[Source]:
    sources = []
    network = network_of(ip)
    if network is not None and RuleKind.NETWORK not in allowed and RuleKind.EMAIL not in allowed:
        sources += [
            Source(RuleKind.NETWORK, keyed_hash(ip, purpose="ip"), masked(network),
                   limits.per_ip, OVER_IP_LIMIT),
            Source(RuleKind.NETWORK, network_hash(ip), str(network), limits.per_network,
                   OVER_NETWORK_LIMIT),
        ]  # fmt: skip
    if email_domain and RuleKind.DOMAIN not in allowed and RuleKind.EMAIL not in allowed:
        domain = email_domain.lower()
        sources.append(Source(RuleKind.DOMAIN, domain, domain, limits.per_domain,
                              OVER_DOMAIN_LIMIT))  # fmt: skip
    return sources


def _count(source: Source, limits: Limits) -> str | None:
    """Count one signing from source; the reason when it is over its limit."""
    key = source.key if source.kind != RuleKind.DOMAIN else keyed_hash(source.key, purpose="domain")
    count = ratelimit.hit(f"{source.reason}:{key}", window=HOUR)
    # The atomic counter gives each signing its own count, so exactly one sees this number:
    # one alert per source per hour, without a lookup.
    if count == limits.alert_threshold + 1:
        Alert.objects.create(kind=source.kind, source=source.key, label=source.label[:100],
                             count=count)  # fmt: skip
        logger.warning("abuse alert: %s signatures in an hour from one source", count)
    return source.reason if count > source.limit else None


def assess(
    *,
    request: HttpRequest,
    appeal: Appeal,
    form: forms.Form,
    email_hash: str,
    email_domain: str,
    ip: str,
) -> Verdict:
    """Judge one signing; counts it against the rate limits."""
    data = getattr(form, "cleaned_data", {})
    verdict = Verdict()
    if data.get("website"):
        verdict.reasons.append(HONEYPOT)
    pow_problem = pow_check(data.get("altcha") or "")
    if pow_problem == NO_POW:
        verdict.held = True
    if pow_problem:
        verdict.reasons.append(pow_problem)

    rules = _matching_rules(email_hash, email_domain, ip)
    verdict.reasons += sorted({BLOCKED[r.kind] for r in rules if r.action == RuleAction.BLOCK})
    allowed = {rule.kind for rule in rules if rule.action == RuleAction.ALLOW}
    limits = Limits.current()
    for source in _sources(ip, email_domain, limits, allowed):
        reason = _count(source, limits)
        if reason:
            verdict.reasons.append(reason)
    verdict.suspect = any(reason != NO_POW for reason in verdict.reasons)
    return verdict

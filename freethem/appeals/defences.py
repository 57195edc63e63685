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

A signing is judged in two steps: check() needs no write (honeypot, the proof's signature and
work, the rules) and runs before the signature's transaction; services.defences.checks_record()
takes the counts inside it, so the write lock is held for the statements only. The rules and
the limits are read from the database at most every RULES_SECONDS per server process
(freethem.core.memo).
"""

import ipaddress
import secrets
import time
from dataclasses import dataclass, field

import altcha
from disposable_email_domains import blocklist as disposable_domains
from django import forms
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from freethem.appeals.models import Limits, Rule, RuleAction, RuleKind
from freethem.core.crypto import keyed_hash
from freethem.core.memo import Memo
from freethem.core.net import IPNetwork

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
BLOCKED = {
    RuleKind.NETWORK: "blocked-ip",
    RuleKind.DOMAIN: "blocked-domain",
    RuleKind.EMAIL: "blocked-email",
}
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
            attrs={
                "tabindex": "-1",
                "autocomplete": "off",
                "aria-hidden": "true",
                "class": "defence-trap-input",
            }
        )


class DefenceFields(forms.Form):
    """Fields the sign form inherits: the honeypot and the proof-of-work solution.

    templates/appeals/_defences.html renders both (include it inside the <form>); a template
    that loops over the form's fields should skip them (`field.name in form.defence_fields`).
    """

    defence_fields = ("website", "altcha")

    # Named like a field a form might really have, so bots fill it in.
    website = forms.CharField(
        label=_("Website"), required=False, max_length=200, widget=TrapInput()
    )
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


@dataclass
class Proof:
    """What the server can tell of a proof of work without the database."""

    problem: str | None = None  # NO_POW, POW_INVALID, or None for a valid solution
    replay_key: str = ""  # accepted once (services.defences.checks_record)
    until: int = 0  # when the challenge expires, in seconds since the epoch


def pow_verify(payload: str) -> Proof:
    """Check a solution's signature, work and expiry (not yet whether it was used before)."""
    if not payload:
        return Proof(NO_POW)
    try:
        result = altcha.verify_solution(
            payload, _secret("challenge"), hmac_key_secret=_secret("derived key")
        )
        decoded = altcha.Payload.from_base64(payload) if result.verified else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return Proof(POW_INVALID)
    if decoded is None:
        return Proof(POW_INVALID)
    expires_at = decoded.challenge.parameters.expires_at or int(time.time()) + POW_TTL
    return Proof(replay_key=f"pow:{decoded.challenge.signature}"[:90], until=expires_at)


# Domains and rules ---------------------------------------------------------------------------


def _domain_and_parents(domain: str) -> list[str]:
    """ "a.b.example.org" -> ["a.b.example.org", "b.example.org", "example.org"]."""
    labels = domain.lower().strip(".").split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] or [domain.lower()]


@dataclass(frozen=True)
class Rules:
    """Every block and allow rule, as the checks look them up."""

    networks: tuple[tuple[IPNetwork, str], ...] = ()  # (network, action)
    domains: dict[str, frozenset[str]] = field(default_factory=dict)  # domain -> actions
    emails: dict[str, frozenset[str]] = field(default_factory=dict)  # keyed hash -> actions


def _load_rules() -> Rules:
    networks, domains, emails = [], {}, {}
    for kind, action, value in Rule.objects.values_list("kind", "action", "value"):
        if kind == RuleKind.NETWORK:
            try:
                networks.append((ipaddress.ip_network(value, strict=False), action))
            except ValueError:
                continue  # the admin form refuses such values; an old row is skipped
        elif kind in (RuleKind.DOMAIN, RuleKind.EMAIL):
            table = domains if kind == RuleKind.DOMAIN else emails
            key = value.lower() if kind == RuleKind.DOMAIN else value
            table[key] = frozenset({action, *table.get(key, ())})
    return Rules(tuple(networks), domains, emails)


def _load_limits() -> Limits:
    # Read only: the row is made by the staff page (Limits.current()); until then the defaults.
    return Limits.objects.filter(pk=1).first() or Limits()


# Read by every signature; a change reaches every server process within RULES_SECONDS.
RULES_SECONDS = 5
RULES = Memo(_load_rules, seconds=RULES_SECONDS)
RULES.clear_on_change(Rule)
LIMITS = Memo(_load_limits, seconds=RULES_SECONDS)
LIMITS.clear_on_change(Limits)


def refused_domain(domain: str) -> bool:
    """True for a disposable-email domain (or a subdomain of one) that no allow rule lets in:
    the sign form refuses it with a message."""
    candidates = _domain_and_parents(domain)
    if not any(candidate in disposable_domains for candidate in candidates):
        return False
    domains = RULES.get().domains
    return not any(RuleAction.ALLOW in domains.get(candidate, ()) for candidate in candidates)


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


def _matching_rules(email_hash: str, email_domain: str, ip: str) -> set[tuple[str, str]]:
    """The (kind, action) of every rule that matches this signer."""
    rules = RULES.get()
    matches = {(RuleKind.EMAIL, action) for action in rules.emails.get(email_hash, ())}
    for domain in _domain_and_parents(email_domain):
        matches.update((RuleKind.DOMAIN, action) for action in rules.domains.get(domain, ()))
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return matches
    # An address is never in a network of the other IP version.
    matches.update(
        (RuleKind.NETWORK, action) for network, action in rules.networks if address in network
    )
    return matches


# Mail ----------------------------------------------------------------------------------------

# A suspect signature's mail: at most this many per address a day, and per network an hour
# (services.defences.mail_allowance_take).
SUSPECT_MAILS_PER_ADDRESS = 1
SUSPECT_MAILS_PER_NETWORK = 5
DAY = 24 * HOUR


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
            Source(
                RuleKind.NETWORK,
                keyed_hash(ip, purpose="ip"),
                masked(network),
                limits.per_ip,
                OVER_IP_LIMIT,
            ),
            Source(
                RuleKind.NETWORK,
                network_hash(ip),
                str(network),
                limits.per_network,
                OVER_NETWORK_LIMIT,
            ),
        ]
    if email_domain and RuleKind.DOMAIN not in allowed and RuleKind.EMAIL not in allowed:
        domain = email_domain.lower()
        sources.append(
            Source(RuleKind.DOMAIN, domain, domain, limits.per_domain, OVER_DOMAIN_LIMIT)
        )
    return sources


@dataclass
class Checks:
    """What the defences found before touching the database, and the counts still to take."""

    verdict: Verdict
    proof: Proof
    sources: list[Source]
    alert_threshold: int

    @classmethod
    def decided(cls, verdict: Verdict) -> "Checks":
        """A verdict known already, with nothing to count (tests)."""
        return cls(verdict=verdict, proof=Proof(), sources=[], alert_threshold=0)


def check(*, form: forms.Form, email_hash: str, email_domain: str, ip: str) -> Checks:
    """Judge one signing by what needs no write: the honeypot, the proof of work, the rules.
    Cheap, and done before the signature's transaction."""
    data = getattr(form, "cleaned_data", {})
    verdict = Verdict()
    if data.get("website"):
        verdict.reasons.append(HONEYPOT)
    proof = pow_verify(data.get("altcha") or "")
    if proof.problem == NO_POW:
        verdict.held = True
    if proof.problem:
        verdict.reasons.append(proof.problem)
    rules = _matching_rules(email_hash, email_domain, ip)
    verdict.reasons += sorted(
        {BLOCKED[kind] for kind, action in rules if action == RuleAction.BLOCK}
    )
    allowed = {kind for kind, action in rules if action == RuleAction.ALLOW}
    limits = LIMITS.get()
    return Checks(
        verdict=verdict,
        proof=proof,
        sources=_sources(ip, email_domain, limits, allowed),
        alert_threshold=limits.alert_threshold,
    )

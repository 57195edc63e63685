"""Volunteers: sign-up from the public, and erasure by staff.

Kept as signatures are: name, email, safe contact and message encrypted
(freethem.core.crypto), the email found again by a keyed hash of the normalised address
(purpose "volunteer", so it cannot be matched with the hashes of other tables), seen by
organisers only.

A second sign-up with the same address is merged into the first, never a second row, and
the visitor sees the same thank-you page either way. Since nobody proved they own the
address, the merge adds and never replaces: skills and languages are added, an empty country
or availability is filled, a new message (and a new way to reach them, if it differs) is
added to the message with its date for organisers to check. The name, the address and the
safe contact first given stay as they are, so someone who knows a volunteer's address cannot
change how organisers reach them.

Floods: over a few sign-ups an hour from one address or network, or too many from everywhere,
the form asks to try later. A filled-in honeypot is taken silently and dropped (a bot learns
nothing); a forged, expired or replayed proof of work is refused with a message (a person
whose check expired can send again); no proof at all (JavaScript off) is accepted, since an
organiser reads every sign-up before writing to anyone.
"""

import enum
import secrets
from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from freethem.actions.models import Volunteer
from freethem.actions.vocab import Skill, VolunteerState
from freethem.appeals.defences import NO_POW, network_hash, pow_verify
from freethem.appeals.services.signing import normalise_email
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash

HOUR = 60 * 60
PER_ADDRESS = 5
PER_NETWORK = 20
PER_HOUR = 300  # from everywhere: what organisers can read, a bound on what a botnet adds
MESSAGE_KEPT_MAX = 8000
LANGUAGES_MAX = Volunteer._meta.get_field("languages").max_length


class Outcome(enum.Enum):
    SAVED = "saved"  # a new volunteer
    MERGED = "merged"  # added to the one with this address
    DROPPED = "dropped"  # honeypot: thanked, not kept
    PROOF_FAILED = "proof"  # forged, expired or replayed proof of work: asked to send again
    LIMITED = "limited"  # over a flood limit: asked to try later, not kept


def volunteer_email_hash(email: str) -> str:
    return keyed_hash(normalise_email(email), purpose="volunteer")


def signup_limited(*, ip: str) -> bool:
    """Count one sign-up from this address; True when it is over a limit."""
    counts = [(ratelimit.hit("volunteer:all", window=HOUR), PER_HOUR)]
    if ip:
        address = keyed_hash(ip, purpose="ip")
        counts.append((ratelimit.hit(f"volunteer:ip:{address}", window=HOUR), PER_ADDRESS))
        network = network_hash(ip)
        if network:
            counts.append((ratelimit.hit(f"volunteer:net:{network}", window=HOUR), PER_NETWORK))
    return any(count > limit for count, limit in counts)


def proof_accepted(proof: str) -> bool:
    """No proof (JavaScript off) is accepted; a forged, expired or replayed one is not."""
    checked = pow_verify(proof)
    if checked.problem == NO_POW:
        return True
    if checked.problem:
        return False
    return ratelimit.first_use(checked.replay_key, until=checked.until)


def _merged_text(old: str, new: str, *, today: date) -> str:
    if not new.strip() or new.strip() in old:
        return old
    stamp = date_format(today, "Y-m-d")
    joined = f"{old}\n\n[{stamp}] {new.strip()}" if old else new.strip()
    return joined[:MESSAGE_KEPT_MAX]


def _merge(volunteer: Volunteer, details: dict, *, today: date) -> None:
    volunteer.skills = [
        skill for skill in Skill.values if skill in {*volunteer.skills, *details["skills"]}
    ]
    known = {part.strip().casefold() for part in volunteer.languages.split(",")}
    added = [
        part.strip()
        for part in details["languages"].split(",")
        if part.strip() and part.strip().casefold() not in known
    ]
    if added:
        volunteer.languages = ", ".join(filter(None, [volunteer.languages, *added]))[:LANGUAGES_MAX]
    volunteer.country = volunteer.country or details["country"]
    volunteer.availability = volunteer.availability or details["availability"]
    note = details["message"]
    contact = details["safe_contact"].strip()
    if contact and contact != volunteer.safe_contact:
        note = f"{note}\n({contact})" if note.strip() else f"({contact})"
    volunteer.message = _merged_text(volunteer.message, note, today=today)


def volunteer_signup(
    *,
    name: str,
    email: str,
    safe_contact: str = "",
    languages: str = "",
    skills: Iterable[str] = (),
    country: str = "",
    availability: str = "",
    message: str = "",
    language: str = "en",
    ip: str = "",
    trap: str = "",
    proof: str = "",
) -> tuple[Outcome, Volunteer | None]:
    """Keep a volunteer's sign-up, or add it to the one with the same address."""
    if signup_limited(ip=ip):
        return Outcome.LIMITED, None
    if trap:
        return Outcome.DROPPED, None
    if not proof_accepted(proof):
        return Outcome.PROOF_FAILED, None
    details = {
        "safe_contact": safe_contact,
        "languages": languages,
        "skills": [skill for skill in Skill.values if skill in set(skills)],
        "country": country,
        "availability": availability,
        "message": message,
    }
    digest = volunteer_email_hash(email)
    with transaction.atomic():
        existing = Volunteer.objects.select_for_update().filter(email_hash=digest).first()
        if existing is not None:
            _merge(existing, details, today=timezone.localdate())
            existing.full_clean()
            existing.save()
            return Outcome.MERGED, existing
        volunteer = Volunteer(
            name=name, email=email, email_hash=digest, language=language, **details
        )
        volunteer.full_clean(exclude=["email_hash"])
        try:
            with transaction.atomic():
                volunteer.save()
        except IntegrityError:  # the same address signed up at this very moment
            return Outcome.MERGED, None
    return Outcome.SAVED, volunteer


def volunteer_erase(*, volunteer: Volunteer) -> None:
    """Clear what tells who the volunteer is: name, email, ways to reach them, message, staff
    note, languages. The row stays (without personal data) for the counts of skills."""
    volunteer.name = ""
    volunteer.email = None
    # Unique and matching no address: a later sign-up with the address is a new volunteer.
    volunteer.email_hash = f"erased:{secrets.token_hex(24)}"
    volunteer.safe_contact = ""
    volunteer.message = ""
    volunteer.staff_note = ""
    volunteer.languages = ""
    volunteer.state = VolunteerState.INACTIVE
    volunteer.save()


def volunteer_is_erased(volunteer: Volunteer) -> bool:
    return volunteer.email is None

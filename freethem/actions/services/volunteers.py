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

A new volunteer is sent a link to confirm (double opt-in): until they open it nobody proved
the address is theirs, so organisers see them as not confirmed and write to nobody who has
not confirmed; unconfirmed sign-ups are deleted after FREETHEM_VOLUNTEER_UNCONFIRMED_DAYS,
and volunteers organisers marked inactive are erased after FREETHEM_VOLUNTEER_INACTIVE_DAYS
without a change (run_periodic, the worker's job). A visitor can trigger at most
MAILS_PER_ADDRESS confirmation mails a day to one address and MAILS_PER_NETWORK an hour from
one network; past that the page is the same and no mail goes.

Floods: over a few sign-ups an hour from one address or network, or too many from everywhere,
the form asks to try later. A filled-in honeypot is taken silently and dropped (a bot learns
nothing); a forged, expired or replayed proof of work is refused with a message (a person
whose check expired can send again); no proof at all (JavaScript off) is accepted, since an
organiser reads every sign-up before writing to anyone.
"""

import enum
import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from freethem.actions.models import Volunteer
from freethem.actions.vocab import Skill, VolunteerState
from freethem.appeals.defences import NO_POW, network_hash, pow_verify
from freethem.appeals.services.signing import normalise_email
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash
from freethem.core.mail import message_key

HOUR = 60 * 60
PER_ADDRESS = 5
PER_NETWORK = 20
PER_HOUR = 300  # from everywhere: what organisers can read, a bound on what a botnet adds
DAY = 24 * HOUR
MAILS_PER_ADDRESS = 3  # a day
MAILS_PER_NETWORK = 20  # an hour
CONFIRM_SALT = "freethem.actions.volunteer-confirm"
CONFIRM_SUBJECT = gettext_noop("Please confirm you want to volunteer")
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
            if existing.confirmed_at is None:
                _confirmation_queue(existing, ip=ip)
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
        _confirmation_queue(volunteer, ip=ip)
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


# Confirmation -------------------------------------------------------------------------------


def _mail_allowed(*, email_hash: str, ip: str) -> bool:
    """Take one visitor-triggered mail from the address's daily and the network's hourly
    share; False when either is used up (no mail goes, the page is the same)."""
    network = network_hash(ip) or "none"
    counted = [
        (f"volunteer-mail:address:{email_hash}", MAILS_PER_ADDRESS, DAY),
        (f"volunteer-mail:net:{network}", MAILS_PER_NETWORK, HOUR),
    ]
    return all(ratelimit.hit(key, window=window) <= limit for key, limit, window in counted)


def _confirmation_queue(volunteer: Volunteer, *, ip: str) -> None:
    """Queue the confirmation mail for the worker, inside the caller's transaction."""
    from freethem.actions.tasks.volunteers import send_volunteer_confirmation

    if _mail_allowed(email_hash=volunteer.email_hash, ip=ip):
        send_volunteer_confirmation.enqueue(volunteer_id=volunteer.pk, key=message_key())


def confirm_token(volunteer: Volunteer) -> str:
    return signing.dumps(volunteer.pk, salt=CONFIRM_SALT)


def volunteer_from_token(token: str) -> Volunteer | None:
    """The volunteer a mailed link names, while the link is fresh; None for a bad, old or
    erased one."""
    if not token or len(token) > 100:
        return None
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(days=unconfirmed_days()))
    except signing.BadSignature:  # a forged, altered or expired link
        return None
    if not isinstance(pk, int):
        return None
    return Volunteer.objects.filter(pk=pk, email__isnull=False).first()


def volunteer_confirm(*, volunteer: Volunteer) -> None:
    if volunteer.confirmed_at is None:
        volunteer.confirmed_at = timezone.now()
        volunteer.save(update_fields=["confirmed_at", "updated_at"])


def site_url(path: str) -> str:
    return settings.FREETHEM_SITE_URL.rstrip("/") + path


def confirmation_message(volunteer: Volunteer) -> EmailMessage:
    """The mail with the link to confirm, in the volunteer's language. Nothing the visitor
    typed goes into it (a "name" could be a link or an instruction)."""
    language = volunteer.language if volunteer.language in ("en", "fa") else "en"
    with translation.override(language):
        url = site_url(reverse("volunteer:confirm", args=[confirm_token(volunteer)]))
        return EmailMessage(
            subject=gettext(CONFIRM_SUBJECT),
            body=render_to_string(
                "actions/volunteer/mail/confirm.txt",
                {"confirm_url": url, "days": unconfirmed_days()},
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[volunteer.email],
            headers={"Auto-Submitted": "auto-generated"},
        )


# The worker's periodic job ------------------------------------------------------------------


def unconfirmed_days() -> int:
    return max(1, settings.FREETHEM_VOLUNTEER_UNCONFIRMED_DAYS)


def volunteers_expire(*, now: datetime) -> tuple[int, int]:
    """Delete sign-ups never confirmed in time; erase volunteers marked inactive and left
    unchanged for FREETHEM_VOLUNTEER_INACTIVE_DAYS (0: never). Returns (deleted, erased)."""
    stale = Volunteer.objects.filter(
        confirmed_at__isnull=True,
        created_at__lt=now - timedelta(days=unconfirmed_days()),
        is_demo=False,
    )
    deleted, _ = stale.delete()
    erased = 0
    days = settings.FREETHEM_VOLUNTEER_INACTIVE_DAYS
    if days > 0:
        idle = Volunteer.objects.filter(
            state=VolunteerState.INACTIVE,
            email__isnull=False,
            updated_at__lt=now - timedelta(days=days),
        )
        for volunteer in idle.iterator(chunk_size=200):
            volunteer_erase(volunteer=volunteer)
            erased += 1
    return deleted, erased


def run_periodic() -> None:
    """The worker's periodic job for volunteers."""
    volunteers_expire(now=timezone.now())

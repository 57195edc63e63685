"""Signing, confirming, changing and withdrawing signatures, and the signers' links.

Every write here runs in one transaction, with the mail it needs queued for the worker in the
same transaction: a signature is stored before any mail is tried, and no stored signature
lacks its mail.
A second signing of the same person never tells the visitor so: it mails the address again
and the caller shows the very same page. Every mail a visitor can make us send is counted
against one limit per address and per network (defences.mail_allowance_take); past it,
nothing is sent and the page is the same.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from freethem.appeals import defences, search
from freethem.appeals.models import Appeal, Display, Reason, Signature, SignatureState
from freethem.appeals.services import defences as defence_counts
from freethem.appeals.services.circulation import Via, attribution_record
from freethem.appeals.services.counting import count_adjust
from freethem.appeals.services.notables import name_resembles_notable
from freethem.core.crypto import keyed_hash
from freethem.core.db import insert_unless_exists, prepared_values, set_prepared
from freethem.core.mail import message_key

# Providers that deliver name+tag@ to name@, so a tag does not make another person.
PLUS_TAG_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "pm.me",
        "fastmail.com", "fastmail.fm", "posteo.de", "posteo.net", "mailbox.org", "tutanota.com",
        "yandex.com", "yandex.ru", "zoho.com", "gmx.de", "gmx.net", "web.de",
    }
)  # fmt: skip
# Gmail also ignores dots in the local part; googlemail.com is the same mailbox.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}

CONFIRM_SALT = "freethem.appeals.confirm"
PERSONAL_SALT = "freethem.appeals.personal"
# How long a confirmation link works; a new one can be asked for at any time.
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60

MAIL_CONFIRM = "confirm"  # please confirm (also when signing again while still pending)
MAIL_ALREADY = "already"  # signing again after confirming: here are your personal links


def normalise_email(email: str) -> str:
    """The address as the mailbox it reaches: lower case; without +tag where the provider
    ignores tags; without dots at Gmail."""
    local, _at, domain = email.strip().lower().rpartition("@")
    domain = domain.rstrip(".")
    if domain in PLUS_TAG_DOMAINS:
        local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def email_hash(email: str) -> str:
    return keyed_hash(normalise_email(email), purpose="email")


def public_name_for(*, name: str, display: str) -> str:
    """The name as shown on the public list: all of it, the first name, or nothing. (With the
    first name, the list shows the country beside it in the reader's language.)"""
    name = " ".join(name.split())
    if display == Display.HIDDEN:
        return ""
    if display == Display.FIRST:
        return name.split(" ", 1)[0]
    return name


def signature_create(
    *,
    appeal: Appeal,
    name: str,
    email: str,
    country: str,
    city: str,
    affiliation: str,
    display: str,
    wants_updates: bool,
    language: str,
    ip: str,
    checks: defences.Checks,
    via: Via | None = None,
) -> Signature:
    """Store a pending signature and queue its confirmation mail, in one transaction with the
    counts the defences take (defences.checks_record). When this person has signed this appeal
    already, store nothing and mail them again instead (a new confirmation link, or their
    personal links once confirmed); the caller cannot tell the two apart.

    The caller has validated the values (the sign form). Everything that needs no database,
    the encryption included, is done before the transaction, which then holds only the
    statements: on SQLite it holds the one write lock, so its length bounds the signing rate.
    `via` is the share or source code the signer came through (circulation.via_resolve).
    """
    normalised = normalise_email(email)
    signature = Signature(
        appeal=appeal,
        name=" ".join(name.split()),
        public_name=public_name_for(name=name, display=display),
        email=email.strip(),
        email_hash=keyed_hash(normalised, purpose="email"),
        email_domain=normalised.rsplit("@", 1)[1],
        country=country,
        city=city.strip(),
        affiliation=affiliation.strip(),
        display=display,
        wants_updates=wants_updates,
        language=language,
        ip=ip or None,
        network_hash=defences.network_hash(ip),
        link_key=secrets.token_hex(16),
    )
    values = prepared_values(signature)
    # A name like a verified notable's is held for review, silently (services.notables).
    lookalike = name_resembles_notable(appeal=appeal, name=signature.name)
    with transaction.atomic():
        verdict = defence_counts.checks_record(checks)
        if lookalike:
            verdict.held, verdict.reasons = True, [*verdict.reasons, Reason.LOOKALIKE.value]
        signature.suspect, signature.held = verdict.suspect, verdict.held
        signature.reasons = " ".join(verdict.reasons)[:200]
        set_prepared(values, signature, "suspect", "held", "reasons")
        # One statement stores it, or finds that this person has signed (the database's
        # UniqueConstraint decides, so two concurrent twins cannot both get in).
        signature.pk = insert_unless_exists(Signature, values, unique=["appeal", "email_hash"])
        if signature.pk is None:
            existing = Signature.objects.get(appeal=appeal, email_hash=signature.email_hash)
            return _signed_again(existing, ip=ip, suspect=signature.suspect)
        signature._state.adding = False
        attribution_record(signature=signature, via=via)
        _mail(signature, MAIL_CONFIRM, ip=ip, suspect=signature.suspect)
    return signature


def _signed_again(signature: Signature, *, ip: str, suspect: bool) -> Signature:
    """Mail a signer again: a new confirmation link, or their personal links once confirmed.
    Suspect when the signature or the request that asks for the mail is."""
    kind = MAIL_ALREADY if signature.state == SignatureState.CONFIRMED else MAIL_CONFIRM
    _mail(signature, kind, ip=ip, suspect=suspect or signature.suspect)
    return signature


def signature_resend(*, appeal: Appeal, email: str, ip: str) -> Signature | None:
    """Someone asked for a new link: mail the signer of this address, if there is one and the
    mail limits allow. The caller shows the same page either way."""
    signature = Signature.objects.filter(appeal=appeal, email_hash=email_hash(email)).first()
    if signature is not None:
        with transaction.atomic():
            _signed_again(signature, ip=ip, suspect=False)
    return signature


def _mail(signature: Signature, kind: str, *, ip: str, suspect: bool) -> bool:
    """Queue a mail to the signer, inside the caller's transaction (the task row is stored with
    the change that needs the mail, or neither is; the worker sees it once committed), unless
    the mail limits say no. True when queued."""
    from freethem.appeals.tasks import send_signature_mail

    allowed = defence_counts.mail_allowance_take(
        email_hash=signature.email_hash, ip=ip, suspect=suspect
    )
    if not allowed:
        return False
    send_signature_mail.enqueue(signature_id=signature.pk, kind=kind, key=message_key())
    return True


@transaction.atomic
def signature_confirm(*, signature: Signature) -> bool:
    """Confirm (the button on the confirmation page); the signature counts from now on if it
    is not suspect or held. False when it was confirmed already."""
    now = timezone.now()
    changed = Signature.objects.filter(pk=signature.pk, state=SignatureState.PENDING).update(
        state=SignatureState.CONFIRMED, confirmed_at=now
    )
    if not changed:
        return False
    signature.refresh_from_db(
        fields=["state", "confirmed_at", "suspect", "held", "country", "public_name"]
    )
    search.keys_write([signature])  # whether it is listed is asked of the signature
    if signature.counts:
        count_adjust(signature=signature, delta=1)
    return True


@transaction.atomic
def signature_withdraw(*, signature: Signature) -> None:
    """Delete the signature (the signer's own request), taking it off the count."""
    locked = Signature.objects.select_for_update().filter(pk=signature.pk).first()
    if locked is None:
        return
    if locked.counts:
        count_adjust(signature=locked, delta=-1)
    locked.delete()


@transaction.atomic
def signature_update_display(*, signature: Signature, display: str) -> Signature:
    """Change how the signer's name is shown on the public list."""
    signature.display = display
    signature.public_name = public_name_for(name=signature.name, display=display)
    signature.full_clean(validate_constraints=False)
    signature.save(update_fields=["display", "public_name"])
    search.keys_write([signature])
    return signature


def signature_data(signature: Signature) -> dict[str, Any]:
    """What the signer gave and what is published of it, decrypted: what 'download my data'
    gives them. Never what the defences decided about them (suspect, held, their reasons):
    that would tell a flooder which defence caught them."""
    return {
        "appeal": signature.appeal.slug,
        "name": signature.name,
        "name_as_shown": signature.public_name,
        "show_name_as": signature.display,
        "email": signature.email,
        "country": signature.country.code,
        "city": signature.city,
        "affiliation": signature.affiliation,
        "wants_updates": signature.wants_updates,
        "language": signature.language,
        "state": signature.state,
        "notable": signature.notable,
        "ip_address": signature.ip,
        "signed_at": signature.created_at.isoformat(),
        "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
        "confirmation_mail_sent_at": (
            signature.confirm_mail_sent_at.isoformat() if signature.confirm_mail_sent_at else None
        ),
        "also_kept": "keyed hashes of the normalised email and of the network (/24 or /48), "
        "for duplicate and abuse checks; they cannot be turned back into the address",
    }


def signature_mark_confirm_mail_sent(*, signature_id: int) -> None:
    """Note when the confirmation mail went out (the worker, once the SMTP server took it)."""
    Signature.objects.filter(pk=signature_id).update(confirm_mail_sent_at=timezone.now())


# Links in mails.


def confirm_token(signature: Signature) -> str:
    return signing.dumps(signature.link_key, salt=CONFIRM_SALT)


def personal_token(signature: Signature) -> str:
    return signing.dumps(signature.link_key, salt=PERSONAL_SALT)


def signature_from_confirm_token(token: str) -> Signature | None:
    """The signature a confirmation link names; None when it is invalid or revoked.
    signing.SignatureExpired when it is older than CONFIRM_MAX_AGE."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
    return _signature_from(payload)


def signature_from_personal_token(token: str) -> Signature | None:
    try:
        return _signature_from(signing.loads(token, salt=PERSONAL_SALT))
    except signing.BadSignature:
        return None


def _signature_from(payload: object) -> Signature | None:
    signatures = Signature.objects.select_related("appeal")
    if isinstance(payload, str) and payload:
        return signatures.filter(link_key=payload).first()
    # Links mailed before links were opaque: [id, the first half of the key].
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        return None
    signature = signatures.filter(pk=payload[0]).first()
    key = signature.link_key if signature is not None else None
    if key is None or not secrets.compare_digest(key[:32], str(payload[1])):
        return None
    return signature


def site_url(path: str) -> str:
    return settings.FREETHEM_SITE_URL.rstrip("/") + path

"""What every mail to a list shares: the hash that names an address on the unsubscribe list,
and the signed, never-expiring links with which a reader leaves a list (RFC 8058 one-click
unsubscribe and the page to manage their subscriptions).

A list is named by a scope: "appeal:<id>" (signers who asked for updates), "followers:<id>"
(a prisoner's followers), "event:<id>" (an event's RSVPs) or "all". The links carry the
address's keyed hash and the scope, signed with the site's key: they name nobody readable,
and cannot be made up for another address."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from freethem.appeals.services.signing import email_hash as signature_hash
from freethem.appeals.services.signing import normalise_email
from freethem.core.crypto import keyed_hash
from freethem.events.services.rsvps import rsvp_email_hash

SALT = "freethem.actions.subscriptions"
ALL = "all"


def address_hash(email: str) -> str:
    """The keyed hash of an address, the same for every list and way of writing it."""
    return keyed_hash(normalise_email(email), purpose="mailing")


def scope_for(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def make_token(*, email: str, scope: str) -> str:
    """The signed token of a link: the address's hash and the list's scope, and the hashes by
    which signatures ("e") and RSVPs ("r") name the same address, so that the pages the link
    opens find them (by the tables' own indexes) without the address itself."""
    data = {
        "h": address_hash(email),
        "s": scope,
        "e": signature_hash(email),
        "r": rsvp_email_hash(email),
    }
    return signing.dumps(data, salt=SALT, compress=True)


def hash_token(*, holder: "Holder", scope: str) -> str:
    """A token for the same address and another scope (the pages link on to each other)."""
    data = {"h": holder.address, "s": scope, "e": holder.signature, "r": holder.rsvp}
    return signing.dumps(data, salt=SALT, compress=True)


@dataclass(frozen=True)
class Holder:
    """Whom a link belongs to, as hashes only: for lists ("address", Follow and Unsubscribe),
    for signatures and for RSVPs (empty in links made before these were carried)."""

    address: str
    scope: str
    signature: str = ""
    rsvp: str = ""


def read_holder(token: str) -> Holder | None:
    """The holder of a link's token; None when it was not made here or is damaged."""
    if len(token) > 400:
        return None
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("h"), str):
        return None
    extra = {key: value for key in ("e", "r") if isinstance(value := data.get(key), str)}
    return Holder(
        address=data["h"],
        scope=str(data.get("s", ALL)),
        signature=extra.get("e", ""),
        rsvp=extra.get("r", ""),
    )


def read_token(token: str) -> tuple[str, str] | None:
    """(address hash, scope) of a link's token; None when it was not made here or is damaged."""
    if len(token) > 400:
        return None
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("h"), str):
        return None
    return data["h"], str(data.get("s", ALL))


def _absolute(name: str, token: str, language: str) -> str:
    with translation.override(language):
        path = reverse(name, args=[token])
    return settings.FREETHEM_SITE_URL.rstrip("/") + path


def unsubscribe_url(*, email: str, scope: str, language: str = "en") -> str:
    """The one-click link: a POST to it (RFC 8058) unsubscribes; opened, it asks to confirm."""
    return _absolute("subscriptions:unsubscribe", make_token(email=email, scope=scope), language)


def manage_url(*, email: str, language: str = "en") -> str:
    """The page where a reader sees and changes the lists they are on."""
    return _absolute("subscriptions:manage", make_token(email=email, scope=ALL), language)


def list_headers(*, email: str, scope: str, language: str = "en") -> dict[str, str]:
    """The headers of a mail to a list (RFC 2369, RFC 8058): mail programs show their own
    "Unsubscribe" button, which unsubscribes with one POST and no further question."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(email=email, scope=scope, language=language)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }

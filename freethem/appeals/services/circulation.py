"""Circulation: the signers' share codes, the organisers' source codes, and the attribution of
each new signature to the code it came through.

A code reaches the sign form from `?via=<code>` on the appeal's address. Whatever a visitor
puts there is bounded and judged by its form before any lookup (via_normalise), and anything
that is not a live code of this appeal (unknown, inactive, another appeal's, malformed) is
ignored without a word: the signature is then simply direct.
"""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from freethem.appeals.models import (
    CODE_ALPHABET,
    CODE_MAX_LENGTH,
    SHARE_CODE_LENGTH,
    Appeal,
    Attribution,
    ShareCode,
    Signature,
    SignatureState,
    SourceCode,
)
from freethem.appeals.services.review import ExtraCondition, condition_register

# What a code may look like, once lower-cased: letters, digits and inner hyphens.
CODE_FORM = re.compile(rf"[a-z0-9](?:[a-z0-9-]{{0,{CODE_MAX_LENGTH - 2}}}[a-z0-9])?")
CODE_MIN_LENGTH = 2
BAD_CODE = _("Use 2 to 32 letters a-z, digits and inner hyphens.")
CODE_TAKEN = _("This code is taken. Please choose another.")
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Via:
    """A live code of an appeal, as the sign form found it: one of the two ids is set."""

    share_id: int | None = None
    source_id: int | None = None


def via_normalise(value: object) -> str:
    """The code in `value` in its stored form, or "" when it cannot be one (too long, odd
    characters, another script's look-alike letters): checked before anything is looked up."""
    text = value if isinstance(value, str) else ""
    if len(text) > CODE_MAX_LENGTH + 2:  # bounded before any other work
        return ""
    # Only ASCII is lower-cased: str.lower() would fold some other letters into ASCII ones
    # (the Kelvin sign into k), letting a look-alike pass for a code.
    code = text.strip().translate(ASCII_LOWER)
    if len(code) < CODE_MIN_LENGTH or not CODE_FORM.fullmatch(code):
        return ""
    return code


def via_resolve(*, appeal: Appeal, value: object) -> Via | None:
    """The live code of this appeal that `value` names, or None: an active source code, or the
    share code of a signature of this appeal. At most two indexed lookups."""
    code = via_normalise(value)
    if not code:
        return None
    source = SourceCode.objects.active().filter(appeal=appeal, code=code).values("pk").first()
    if source is not None:
        return Via(source_id=source["pk"])
    share = ShareCode.objects.filter(code=code, signature__appeal=appeal).values("pk").first()
    return Via(share_id=share["pk"]) if share is not None else None


def attribution_record(*, signature: Signature, via: Via | None) -> Attribution | None:
    """Record that a new signature came through `via`, inside the caller's transaction (the
    signing's). A signer's own code never counts for them, by construction: signing again (through
    their own link or any other) stores no new signature, so nothing is attributed."""
    if via is None:
        return None
    return Attribution.objects.create(
        signature=signature, share_id=via.share_id, source_id=via.source_id
    )


def _random_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


def share_code_for(*, signature: Signature) -> ShareCode:
    """The signer's share code, made on first need (their personal page, once confirmed).
    A new random code is drawn again in the unlikely case it is taken."""
    for _attempt in range(5):
        found = ShareCode.objects.filter(signature=signature).first()
        if found is not None:
            return found
        code = _random_code()
        if SourceCode.objects.filter(code=code).exists():
            continue
        try:
            with transaction.atomic():
                return ShareCode.objects.create(signature=signature, code=code)
        except IntegrityError:
            continue  # the code was taken, or a concurrent request made this signer's code
    return ShareCode.objects.get(signature=signature)


def share_count(*, share: ShareCode) -> int:
    """How many people the signer's link brought: confirmed signatures that came through it.
    Whether staff have marked any of them suspect or held is not the sharer's to see (a
    flooder would learn which of their signatures were caught), so those count here too."""
    return Signature.objects.filter(
        attribution__share=share, state=SignatureState.CONFIRMED
    ).count()


def source_code_tidy(code: str) -> str:
    """A code as an organiser typed it, in its stored form (lower case); a random one when
    empty."""
    return code.strip().translate(ASCII_LOWER) or _random_code()


def source_code_check(code: str) -> None:
    """Raise ValidationError when the code is malformed, or taken by another source code or by
    a signer's share code (both travel in the same ?via=)."""
    if via_normalise(code) != code:
        raise ValidationError(BAD_CODE, code="invalid")
    if (
        SourceCode.objects.filter(code=code).exists()
        or ShareCode.objects.filter(code=code).exists()
    ):
        raise ValidationError(CODE_TAKEN, code="taken")


def source_code_create(
    *, appeal: Appeal, label: str, code: str = "", active: bool = True, created_by: object = None
) -> SourceCode:
    """A new source code for a channel; a random one when `code` is empty."""
    code = source_code_tidy(code)
    source_code_check(code)
    source = SourceCode(
        appeal=appeal, code=code, label=label.strip(), active=active, created_by=created_by
    )
    source.full_clean()
    with transaction.atomic():
        source.save()
    return source


# Source codes as a condition of the review queue and of bulk invalidation -----------------


def _source_choices() -> list[tuple[str, str]]:
    codes = SourceCode.objects.select_related("appeal").order_by("appeal__slug", "code")
    return [(str(code.pk), f"{code.code} · {code.label} ({code.appeal.slug})") for code in codes]


def _from_source(signatures: QuerySet[Signature], value: str) -> QuerySet[Signature]:
    """The signatures that came through the source code whose id is value (none for a value
    that is not an id: the filter's value comes from the address)."""
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return signatures.none()
    return signatures.filter(attribution__source_id=int(value))


condition_register(
    "source", ExtraCondition(label=_("source code"), matches=_from_source, choices=_source_choices)
)

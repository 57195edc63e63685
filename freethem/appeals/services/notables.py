"""Notable signatories: marking a signature notable once its signer's identity is verified,
un-marking it, and the impersonation guard that holds new look-alikes of their names.

A notable is a Notable row: the verification (who, when, by what means, a note) and what the
public sees (a description, a statement of support), recorded together, so that no notable
exists without its verification. Signature.notable mirrors whether the row exists (staff
filters, the signer's data); what the public sees is decided by the row alone
(Signature.objects.notables()).
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from freethem.appeals import listing, lookalike
from freethem.appeals.models import Appeal, Display, Notable, Signature
from freethem.core.audit import audit_record
from freethem.core.memo import Memo
from freethem.core.roles import is_organiser

NOT_COUNTING = _(
    "Only a confirmed signature that counts (not suspect, not held for review) can be made notable."
)
NOT_SHOWN = _("This signer asked not to be shown: a notable signatory is shown by name.")
NOT_ORGANISER = _("Only organisers can mark notable signatories.")
ALREADY_NOTABLE = _("This signature is notable already.")


def notable_check(*, signature: Signature, user: AbstractBaseUser) -> None:
    """ValidationError (translated) unless this user may make this signature notable."""
    if not is_organiser(user):
        raise ValidationError(NOT_ORGANISER)
    if not signature.counts:
        raise ValidationError(NOT_COUNTING)
    if signature.display == Display.HIDDEN:
        raise ValidationError(NOT_SHOWN)


def _forget_notables(appeal_id: int) -> None:
    """The public list's cached notables, forgotten now and again once the change is committed
    (a list read in between would cache the notables as they were)."""
    listing.notables_forget(appeal_id)
    transaction.on_commit(lambda: listing.notables_forget(appeal_id))


@transaction.atomic
def notable_mark(
    *,
    signature: Signature,
    verified_by: AbstractBaseUser,
    means: str,
    note: str,
    description_en: str,
    description_fa: str = "",
    statement_en: str = "",
    statement_fa: str = "",
    verified_at: datetime | None = None,
) -> Notable:
    """Record how the signer was verified and show them as a notable signatory; audited.
    ValidationError (translated) unless an organiser marks a confirmed, counted, shown
    signature with a complete verification."""
    locked = Signature.objects.select_for_update().get(pk=signature.pk)
    notable_check(signature=locked, user=verified_by)
    if Notable.objects.filter(signature=locked).exists():
        raise ValidationError(ALREADY_NOTABLE)
    notable = Notable(
        signature=locked,
        verified_by=verified_by,
        verified_by_name=verified_by.get_username(),
        verified_at=verified_at or timezone.now(),
        means=means,
        note=note.strip(),
        description_en=description_en.strip(),
        description_fa=description_fa.strip(),
        statement_en=statement_en.strip(),
        statement_fa=statement_fa.strip(),
    )
    notable.full_clean()
    notable.save()
    Signature.objects.filter(pk=locked.pk).update(notable=True)
    signature.notable = True
    _forget_notables(locked.appeal_id)
    audit_record(
        user=verified_by,
        action=gettext_noop("mark notable signatory"),
        subject=f"signature {locked.pk}",
        detail=f"verified by {means}",
    )
    return notable


@transaction.atomic
def notable_update(
    *,
    notable: Notable,
    user: AbstractBaseUser,
    description_en: str,
    description_fa: str = "",
    statement_en: str = "",
    statement_fa: str = "",
) -> Notable:
    """Change what the public sees of a notable (the verification stays as recorded)."""
    if not is_organiser(user):
        raise ValidationError(NOT_ORGANISER)
    notable.description_en = description_en.strip()
    notable.description_fa = description_fa.strip()
    notable.statement_en = statement_en.strip()
    notable.statement_fa = statement_fa.strip()
    notable.full_clean()
    notable.save()
    audit_record(
        user=user,
        action=gettext_noop("change notable signatory"),
        subject=f"signature {notable.signature_id}",
    )
    return notable


@transaction.atomic
def notable_unmark(*, signature: Signature, user: AbstractBaseUser) -> bool:
    """No longer a notable signatory (the verification goes with the mark); audited. Also
    clears a `notable` flag set before verifications were recorded. True when it changed."""
    if not is_organiser(user):
        raise ValidationError(NOT_ORGANISER)
    deleted, _rows = Notable.objects.filter(signature_id=signature.pk).delete()
    flagged = Signature.objects.filter(pk=signature.pk, notable=True).update(notable=False)
    signature.notable = False
    _forget_notables(signature.appeal_id)
    if deleted or flagged:
        audit_record(
            user=user,
            action=gettext_noop("unmark notable signatory"),
            subject=f"signature {signature.pk}",
        )
    return bool(deleted or flagged)


# The impersonation guard ---------------------------------------------------------------------


def _notable_names(appeal_id: int) -> list[lookalike.Name]:
    """The folded names of an appeal's verified notables: the full name they signed with (the
    shown one once it is erased), whether or not they are listed now."""
    rows = Signature.objects.filter(appeal_id=appeal_id, notable_record__isnull=False).only(
        "name", "public_name"
    )
    names = []
    for signature in rows[:200]:
        for name in {signature.name or "", signature.public_name}:
            if (folded := lookalike.name_of(name)).words:
                names.append(folded)
    return names


# Read by every signing; a new notable reaches every process within NOTABLE_SECONDS.
NOTABLE_SECONDS = 30
NOTABLE_NAMES = Memo(_notable_names, seconds=NOTABLE_SECONDS)
NOTABLE_NAMES.clear_on_change(Notable)


def name_resembles_notable(*, appeal: Appeal, name: str) -> bool:
    """Whether a new signer's name resembles a verified notable's name on this appeal (the
    signature is then held for review, silently: services.signing)."""
    notables = NOTABLE_NAMES.get(appeal.pk)
    return bool(notables) and lookalike.resembles_any(name, notables)

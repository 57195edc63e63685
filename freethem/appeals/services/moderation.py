"""Staff writes on appeals and signatures: creating an appeal, pausing signing, and the
moderators' marks.

A signature counts while it is confirmed, not suspect and not held. A mark that changes that
moves the appeal's count in the same transaction, through counting.count_adjust.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from freethem.appeals.models import Appeal, AppealState, Signature
from freethem.appeals.services.counting import count_adjust

NOT_OPEN = _("Only an open appeal can be paused.")
NOT_PAUSED = _("Only a paused appeal can be resumed.")
# Added to a signature's reasons when staff mark it suspect by hand.
STAFF_REASON = "staff"


@transaction.atomic
def appeal_create(
    *,
    slug: str,
    title_en: str,
    title_fa: str,
    text_en: str,
    text_fa: str,
    goal: int = 1000,
    state: str = AppealState.DRAFT,
) -> Appeal:
    """A new appeal, in both languages; featured (shown at /appeal/) when no other is."""
    appeal = Appeal(
        slug=slug,
        title_en=title_en.strip(),
        title_fa=title_fa.strip(),
        text_en=text_en.strip(),
        text_fa=text_fa.strip(),
        goal=goal,
        state=state,
        featured=not Appeal.objects.filter(featured=True).exists(),
    )
    appeal.full_clean()
    appeal.save()
    return appeal


@transaction.atomic
def appeal_pause(*, appeal: Appeal) -> Appeal:
    """Stop taking signatures now; the count and the page stay."""
    return _appeal_switch(appeal=appeal, source=AppealState.OPEN, target=AppealState.PAUSED)


@transaction.atomic
def appeal_resume(*, appeal: Appeal) -> Appeal:
    """Take signatures again (inside the appeal's open and close dates)."""
    return _appeal_switch(appeal=appeal, source=AppealState.PAUSED, target=AppealState.OPEN)


def _appeal_switch(*, appeal: Appeal, source: str, target: str) -> Appeal:
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.state != source:
        raise ValidationError(NOT_OPEN if target == AppealState.PAUSED else NOT_PAUSED)
    locked.state = target
    locked.full_clean()
    locked.save(update_fields=["state"])
    appeal.state = target
    return locked


def signature_mark_suspect(*, signature: Signature) -> bool:
    """Mark suspect (not counted, not listed). True when it was not suspect before."""
    return _signature_mark(signature=signature, flag="suspect", value=True)


def signature_clear_suspect(*, signature: Signature) -> bool:
    """Take the suspect mark away; the reasons stay as a record of why it was marked."""
    return _signature_mark(signature=signature, flag="suspect", value=False)


def signature_release(*, signature: Signature) -> bool:
    """Release a signature held for review (signed without the browser check, or with a name
    like a notable's): it counts if nothing else keeps it out."""
    return _signature_mark(signature=signature, flag="held", value=False)


@transaction.atomic
def _signature_mark(*, signature: Signature, flag: str, value: bool) -> bool:
    locked = Signature.objects.select_for_update().get(pk=signature.pk)
    if getattr(locked, flag) == value:
        return False
    counted = locked.counts
    setattr(locked, flag, value)
    changed = [flag]
    if flag == "suspect" and value and STAFF_REASON not in locked.reasons.split():
        locked.reasons = f"{locked.reasons} {STAFF_REASON}".strip()[-200:]
        changed.append("reasons")
    locked.save(update_fields=changed)
    for name in changed:
        setattr(signature, name, getattr(locked, name))
    if locked.counts != counted:
        count_adjust(signature=locked, delta=1 if locked.counts else -1)
    return True

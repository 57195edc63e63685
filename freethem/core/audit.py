"""The audit log: who looked at or changed personal data in the staff area, and when.

An entry names what was seen ("signature 42", "outbox message ...") and never holds the data
itself, so the log can be read by anyone who may read the staff area's history.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from freethem.core.models import AuditEntry

SUBJECT_MAX = AuditEntry._meta.get_field("subject").max_length
DETAIL_MAX = AuditEntry._meta.get_field("detail").max_length


def audit_record(
    *, user: AbstractBaseUser | AnonymousUser | None, action: str, subject: str, detail: str = ""
) -> AuditEntry:
    """Write one entry. The username is kept beside the link so the entry outlives the user."""
    known = user if user is not None and user.is_authenticated else None
    entry = AuditEntry(
        user=known,
        username=known.get_username() if known else "",
        action=action,
        subject=subject[:SUBJECT_MAX],
        detail=detail[:DETAIL_MAX],
    )
    entry.full_clean(exclude=["user", "username"])
    entry.save()
    return entry

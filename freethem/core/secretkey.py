"""One SECRET_KEY for the whole site, whatever the number of nodes and restarts.

Personal and confirmation links, and the proofs of work of the sign form, are signed with
SECRET_KEY. A node started with another key would answer, yet 404 every link mailed by the
others and mark their signers' proofs of work suspect; a restore with a new key would do the
same to every link already mailed. So the database keeps a fingerprint of the key it was first
served with (HMAC-SHA256 of a constant under the key), and the site and the worker refuse to
start with another. A key changed on purpose is accepted when the old one is in
SECRET_KEY_FALLBACKS (Django then still accepts links signed with it); the fingerprint then
moves to the new key.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction

from freethem.core.models import KeyFingerprint

NAME = "SECRET_KEY"
SIGNING_KEY_CHANGED = (
    "SECRET_KEY is not the key this database was first served with: every link mailed to "
    "signers would fail and their proofs of work would be marked suspect. Set SECRET_KEY to "
    "the key your other nodes (or your backup's env file) use; to change it on purpose, put "
    "the old key in SECRET_KEY_FALLBACKS."
)


def fingerprint(key: str) -> str:
    return hmac.new(key.encode(), b"freethem SECRET_KEY fingerprint", hashlib.sha256).hexdigest()


def check_secret_key(*, record: bool) -> None:
    """Raise ImproperlyConfigured when SECRET_KEY is not the key the database knows. With
    record, a database that knows none learns this one, and a key found among the fallbacks
    becomes the known one. Before migrate (no table) there is nothing to compare."""
    if KeyFingerprint._meta.db_table not in connection.introspection.table_names():
        return
    current = fingerprint(settings.SECRET_KEY)
    known = KeyFingerprint.objects.filter(name=NAME).first()
    if known is None and record:
        try:
            with transaction.atomic():
                known = KeyFingerprint.objects.create(name=NAME, fingerprint=current)
        except IntegrityError:  # another process recorded its key first: compare with it
            known = KeyFingerprint.objects.get(name=NAME)
    if known is None or known.fingerprint == current:
        return
    fallbacks = {fingerprint(key) for key in settings.SECRET_KEY_FALLBACKS}
    if known.fingerprint not in fallbacks:
        raise ImproperlyConfigured(SIGNING_KEY_CHANGED)
    if record:
        KeyFingerprint.objects.filter(pk=known.pk).update(fingerprint=current)

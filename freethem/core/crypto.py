"""Encryption of personal data at rest, and keyed hashes for finding duplicates.

Signers' emails and IP addresses are stored encrypted (Fernet: AES-128-CBC with an HMAC), so a
copy of the database alone reveals none of them. Where the app must find a row by such a value
(one signature per email per appeal) it stores a keyed hash beside it: HMAC-SHA256 under a key
derived from the data key, so the hash cannot be reversed by trying common addresses without
the key.

The key comes from FREETHEM_DATA_KEYS (one or more Fernet keys, comma-separated, newest first)
or, in development only, from <data dir>/data_key, created with mode 0600 on first use unless
the database already holds encrypted values (a new key would not decrypt them: the key file was
lost, or the database restored without it). Production takes keys from the environment only,
so every node has the same ones. Keep the key apart from database backups, or in an archive as
private as the key itself: the two together reveal everything. To rotate, put a new key in
front of the old one; old rows still decrypt and new rows use the new key. Hashes always use
the last (oldest) key, so rotation does not break duplicate checks.

check_stored_data() tells at start-up (wsgi.py, the worker, `manage.py check --database
default`) whether the configured keys decrypt what the database holds.
"""

import base64
import hashlib
import hmac
import os
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, Q

from freethem.core.keyfile import read_or_create

KEY_FILE = "data_key"
KEY_NOT_CONFIGURED = (
    "the database holds personal data encrypted with a key that is not configured: set "
    "FREETHEM_DATA_KEYS to the key it was written with (from your backup); freethem will not "
    "make a new key over existing data"
)


def _read_keys() -> list[bytes]:
    configured = os.environ.get("FREETHEM_DATA_KEYS", "").strip()
    if configured:
        keys = [key.strip().encode() for key in configured.split(",") if key.strip()]
    elif settings.PRODUCTION:
        raise ImproperlyConfigured("FREETHEM_ENV=production needs FREETHEM_DATA_KEYS to be set.")
    else:
        keys = [read_or_create(Path(settings.DATA_DIR) / KEY_FILE, _new_key_over_no_data)]
    for key in keys:
        try:
            Fernet(key)
        except ValueError as error:
            raise ImproperlyConfigured(
                "FREETHEM_DATA_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes); "
                "make one with: python3 -c 'import base64, os; "
                "print(base64.urlsafe_b64encode(os.urandom(32)).decode())'"
            ) from error
    return keys


def _new_key_over_no_data() -> bytes:
    """A new development data key, refused when encrypted values exist: it would not read them."""
    if _any_encrypted_data():
        raise ImproperlyConfigured(KEY_NOT_CONFIGURED)
    return Fernet.generate_key()


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _read_keys()])


@cache
def _hash_key(purpose: str) -> bytes:
    oldest = base64.urlsafe_b64decode(_read_keys()[-1])
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"freethem {purpose}".encode()
    ).derive(oldest)


def reset_keys() -> None:
    """Forget the keys read so far (tests that change FREETHEM_DATA_KEYS or the data dir)."""
    _fernet.cache_clear()
    _hash_key.cache_clear()


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The text, or ValueError when the token was not made with one of the keys."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        raise ValueError(
            "cannot decrypt: the data key is not the one it was written with"
        ) from error


def keyed_hash(value: str, *, purpose: str) -> str:
    """A hex HMAC-SHA256 of value under a key for this purpose ("email", "ip", ...)."""
    return hmac.new(_hash_key(purpose), value.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored encrypted; Python code sees the plain text. It cannot be filtered or sorted
    on in the database: keep a keyed hash beside it for lookups."""

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: object) -> str | None:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)


def check_stored_data() -> None:
    """Raise ImproperlyConfigured when the database holds encrypted values that none of the
    configured keys decrypts. Reads the newest row of each model with encrypted fields (by
    primary key: one indexed row each); a table not made yet (before migrate) holds nothing."""
    for model, fields in _encrypted_models():
        if not _table_exists(model):
            continue
        newest = _holding_values(model, fields).order_by("-pk").values_list(*fields)[:1]
        try:
            list(newest)  # decrypted on the way out (EncryptedTextField.from_db_value)
        except ValueError:
            raise ImproperlyConfigured(KEY_NOT_CONFIGURED) from None


def _encrypted_models() -> list[tuple[type[models.Model], list[str]]]:
    """Each concrete model with encrypted fields, and the names of those fields."""
    found = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields and not model._meta.proxy:
            found.append((model, fields))
    return found


def _table_exists(model: type[models.Model]) -> bool:
    connection = connections[router.db_for_read(model)]
    return model._meta.db_table in connection.introspection.table_names()


def _holding_values(model: type[models.Model], fields: list[str]) -> models.QuerySet:
    holding = Q()
    for name in fields:
        holding |= Q(**{f"{name}__isnull": False})
    return model._base_manager.filter(holding)


def _any_encrypted_data() -> bool:
    return any(
        _table_exists(model) and _holding_values(model, fields).exists()
        for model, fields in _encrypted_models()
    )

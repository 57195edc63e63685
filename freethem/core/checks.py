"""System checks of freethem's own: `manage.py check --database default` runs them (and so do
migrate and the deploy steps that check before a restart)."""

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from freethem.core.crypto import check_stored_data
from freethem.core.secretkey import check_secret_key


@register(Tags.database)
def stored_data_decrypts(databases: list[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """The configured data keys decrypt the personal data the database holds."""
    if not databases or "default" not in databases:
        return []
    try:
        check_stored_data()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="freethem.E001")]
    return []


@register(Tags.database)
def secret_key_is_known(databases: list[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """SECRET_KEY is the key the database was first served with (or one of its fallbacks)."""
    if not databases or "default" not in databases:
        return []
    try:
        check_secret_key(record=False)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="freethem.E002")]
    return []

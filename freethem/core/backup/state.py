"""What a backup says about the site it was made from, and whether a restore may go ahead.

A restore only ever fills an empty site: a database without tables, no stored media, no data
key other than the backup's. Anything else might be data that the backup does not hold, so
the restore refuses, says why, and changes nothing.
"""

import os
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

from freethem.core.backup import database, keys
from freethem.core.backup.errors import BackupError
from freethem.core.crypto import EncryptedTextField

STAFF = "staff users"


def migration_heads() -> dict[str, list[str]]:
    """The last migration applied, per app (several where an app's history branches)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = set(loader.applied_migrations or {})
    heads: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        node = loader.graph.node_map.get((app, name))
        if node is not None and not any(child.key in applied for child in node.children):
            heads.setdefault(app, []).append(name)
    return heads


def personal_models() -> list[type[Model]]:
    """Models holding encrypted personal data (signatures and the like), found generically;
    each table once (a proxy model, such as the staff's queue of signatures to review, is
    another view of its model's rows)."""
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and any(isinstance(field, EncryptedTextField) for field in model._meta.fields)
    ]


def counts() -> dict[str, int]:
    """Rows worth naming in a summary: personal-data models, by plural name, and staff."""
    if "auth_user" not in connection.introspection.table_names():
        return {}  # a database nobody has migrated yet
    found = {
        str(model._meta.verbose_name_plural): model.objects.count() for model in personal_models()
    }
    found[STAFF] = User.objects.filter(is_staff=True).count()
    return found


def refuse_unless_empty(
    manifest: dict[str, Any], archived_keys: dict[str, str], archive: Path
) -> None:
    """BackupError listing every reason this site cannot take the backup; None if it can."""
    reasons = _mismatches(manifest)
    if not reasons:
        existing = database.tables()
        if existing:
            reasons.append(f"{database.describe()} already has {len(existing)} tables")
    if _has_media():
        reasons.append("the media storage already holds files")
    reasons += keys.problems(archived_keys)
    if reasons:
        raise BackupError(
            f"will not restore {archive} here; nothing was changed. A restore needs an empty "
            "data directory and database:\n  - " + "\n  - ".join(reasons)
        )


def pending_migrations() -> int:
    """Migrations this code has that the restored database lacks (`migrate` applies them)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return len(set(loader.disk_migrations) - set(loader.applied_migrations or {}))


def _mismatches(manifest: dict[str, Any]) -> list[str]:
    vendor = manifest["database"]["vendor"]
    if vendor != database.vendor():
        names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
        return [
            f"the backup holds a {names[vendor]} database but this site uses "
            f"{names[database.vendor()]} (set DATABASE_URL accordingly)"
        ]
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        return [
            f"the backup was made by a newer freethem (unknown migrations: {', '.join(unknown)}): "
            "update this installation first"
        ]
    return []


def _has_media() -> bool:
    storage = storages["default"]
    location = getattr(storage, "location", None)
    if location is not None:
        return any(files for _, _, files in os.walk(location))
    try:
        directories, files = storage.listdir("")
    except FileNotFoundError:
        return False
    return bool(files or directories)

"""Backups of the whole site in one archive, and their restore (manage.py backup, restore)."""

from freethem.core.backup.archive import Restored, backup_create, backup_restore
from freethem.core.backup.errors import BackupError

__all__ = ["BackupError", "Restored", "backup_create", "backup_restore"]

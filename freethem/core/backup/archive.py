"""One archive holds everything needed to bring the site back: the database, media, keys and
env file, and a manifest saying what it holds. It is written to a private temporary file
beside its final name and renamed at the end, so no reader ever finds a partial archive.

Layout (a .tar.gz): manifest.json, keys.env (unless kept apart), freethem.env (when the site
runs from an env file; without its keys when they are kept apart), database.sqlite3 or
database.pgdump, media/<name> for each stored file.
"""

import contextlib
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages

from freethem.core import envfile
from freethem.core.backup import database, keys, state
from freethem.core.backup.errors import BackupError

FORMAT = "freethem-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media/"


def backup_dir() -> Path:
    return Path(os.environ.get("FREETHEM_BACKUP_DIR") or Path(settings.DATA_DIR) / "backups")


def backup_create(*, output: Path | None = None, keys_apart: Path | None = None) -> Path:
    """Write a backup archive (mode 0600) and, with keys_apart, the keys to a file of their
    own; the archive's path."""
    created = datetime.now(UTC).replace(microsecond=0)
    target = _target(output, created)
    target.parent.mkdir(parents=True, exist_ok=True)
    current_keys = keys.current()
    env_file = _env_file()
    media = list(_media_files(storages["default"], target.parent))
    manifest = _manifest(created, current_keys, env_file, media, keys_apart is None)
    with _private_temporary(target.parent) as dumped:
        database.dump(dumped)
        with _private_temporary(target.parent) as written:
            with tarfile.open(written, "w:gz") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
                if keys_apart is None:
                    _add_bytes(
                        tar, envfile.KEYS_MEMBER, current_keys.text(_heading(target)).encode()
                    )
                if env_file is not None:
                    text = env_file[1] if keys_apart is None else envfile.without_keys(env_file[1])
                    _add_bytes(tar, envfile.ENV_MEMBER, text.encode())
                tar.add(dumped, arcname=database.dump_name(), recursive=False)
                for name in media:
                    _add_media(tar, storages["default"], name)
            if keys_apart is not None:
                _write_keys(keys_apart, current_keys.text(_heading(target)))
            os.replace(written, target)
    return target


@dataclass
class Restored:
    manifest: dict[str, Any]
    media_files: int
    key_files: list[str]


def backup_restore(*, archive: Path, keys_file: Path | None = None) -> Restored:
    """Restore an archive into an empty data directory and database; BackupError (having
    changed nothing) when they are not empty or the keys do not fit."""
    try:
        tar = tarfile.open(archive, "r:*")  # noqa: SIM115 - closed below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {archive}: {error}") from error
    with tar:
        manifest = _read_manifest(tar, archive)
        archived_keys = _archived_keys(tar, archive, keys_file)
        state.refuse_unless_empty(manifest, archived_keys, archive)
        media_files = _restore_files(tar, storages["default"], manifest["database"]["member"])
    key_files = keys.install(archived_keys)
    return Restored(manifest=manifest, media_files=media_files, key_files=key_files)


def _target(output: Path | None, created: datetime) -> Path:
    name = f"freethem-{created:%Y%m%dT%H%M%SZ}.tar.gz"
    if output is None:
        return backup_dir() / name
    return output / name if output.is_dir() else output


def _heading(target: Path) -> str:
    return f"freethem keys for the backup {target.name}"


def _env_file() -> tuple[str, str] | None:
    """The env file this site runs from (bin/manage says which): its path and text."""
    path = os.environ.get("FREETHEM_ENV_FILE", "").strip()
    if not path or not Path(path).is_file():
        return None
    return path, Path(path).read_text(encoding="utf-8")


def _manifest(
    created: datetime,
    current_keys: keys.Keys,
    env_file: tuple[str, str] | None,
    media: list[str],
    keys_inside: bool,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": created.isoformat(),
        "environment": settings.FREETHEM_ENV,
        "database": {"vendor": database.vendor(), "member": database.dump_name()},
        "migrations": state.migration_heads(),
        "counts": state.counts(),
        "media": {"files": len(media)},
        "keys": {"in_archive": keys_inside, "sources": current_keys.sources},
        "env_file": {"path": env_file[0]} if env_file else None,
        "contents": [
            MANIFEST,
            *([envfile.KEYS_MEMBER] if keys_inside else []),
            *([envfile.ENV_MEMBER] if env_file else []),
            database.dump_name(),
            *([MEDIA] if media else []),
        ],
    }


def _media_files(storage: Storage, skip: Path) -> Iterator[str]:
    """Every stored file's name, leaving out backups kept inside the media directory."""
    location = Path(getattr(storage, "location", "/nonexistent")).resolve()
    skipped = {skip.resolve(), backup_dir().resolve()}

    def walk(prefix: str) -> Iterator[str]:
        if location.exists() and (location / prefix).resolve() in skipped:
            return
        with contextlib.suppress(FileNotFoundError):
            directories, files = storage.listdir(prefix)
            for name in sorted(files):
                yield f"{prefix}{name}"
            for name in sorted(directories):
                yield from walk(f"{prefix}{name}/")

    return walk("")


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
    tar.addfile(info, BytesIO(data))


def _add_media(tar: tarfile.TarFile, storage: Storage, name: str) -> None:
    info = tarfile.TarInfo(MEDIA + name)
    info.size, info.mode, info.mtime = storage.size(name), 0o600, int(time.time())
    with storage.open(name, "rb") as file:
        tar.addfile(info, file)


@contextlib.contextmanager
def _private_temporary(directory: Path) -> Iterator[Path]:
    """A new private file in directory, deleted afterwards unless renamed meanwhile."""
    descriptor, name = tempfile.mkstemp(dir=directory, prefix=".freethem-backup-")
    os.close(descriptor)  # mkstemp makes it 0600
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _write_keys(path: Path, text: str) -> None:
    with _private_temporary(path.resolve().parent) as temporary:
        temporary.write_text(text)
        os.replace(temporary, path)


def _read_manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, Any]:
    manifest = json.loads(_member_text(tar, MANIFEST, archive) or "{}")
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"{archive} is not a freethem backup this version can read")
    return manifest


def _archived_keys(tar: tarfile.TarFile, archive: Path, keys_file: Path | None) -> dict[str, str]:
    if keys_file is not None:
        try:
            return keys.parse(keys_file.read_text(encoding="utf-8"))
        except OSError as error:
            raise BackupError(f"cannot read {keys_file}: {error.strerror}") from error
    text = _member_text(tar, envfile.KEYS_MEMBER, archive)
    if text is None:
        raise BackupError(
            f"the keys of {archive} are kept apart from it: give their file with --keys PATH"
        )
    return keys.parse(text)


def _member_text(tar: tarfile.TarFile, name: str, archive: Path) -> str | None:
    try:
        member = tar.extractfile(name)
    except KeyError:
        return None
    except tarfile.TarError as error:
        raise BackupError(f"cannot read {archive}: {error}") from error
    return member.read().decode("utf-8") if member else None


def _restore_files(tar: tarfile.TarFile, storage: Storage, dump_member: str) -> int:
    """Load the database, then store the media files; how many media files."""
    stored = 0
    staging = Path(settings.DATA_DIR)
    for member in tar:
        if member.name == dump_member and member.isfile():
            with _private_temporary(staging) as dumped:
                with tar.extractfile(member) as source, dumped.open("wb") as copy:
                    _copy(source, copy)
                database.restore(dumped)
        elif member.name.startswith(MEDIA) and member.isfile():
            name = _safe_media_name(member.name)
            with tar.extractfile(member) as source:
                storage.save(name, File(source, name=name))
            stored += 1
    return stored


def _copy(source: IO[bytes], target: IO[bytes]) -> None:
    while chunk := source.read(1 << 20):
        target.write(chunk)


def _safe_media_name(member: str) -> str:
    name = member.removeprefix(MEDIA)
    parts = Path(name).parts
    if not parts or name.startswith("/") or ".." in parts:
        raise BackupError(f"the archive holds a media file outside the media directory: {member}")
    return name

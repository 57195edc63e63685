"""No other user of the machine can read the data directory: the database and its -wal and
-shm files, the keys, the outbox's mails, uploads. Each step runs as its own process, as on a
server, started with the umask of an ordinary shell (022)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Keeps a database connection open (so -wal and -shm exist) after saving an upload.
HOLD = """
import sys, django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
default_storage.save("prisoners/photo.jpg", ContentFile(b"not really a photo"))
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM django_session")
print("holding", flush=True)
sys.stdin.readline()
"""


def env(data_dir: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FREETHEM_", "DATABASE_"))}
    base.pop("SECRET_KEY", None)
    base["FREETHEM_DATA_DIR"] = str(data_dir)
    return {**base, "DJANGO_SETTINGS_MODULE": "freethem.settings"}


def manage(data_dir: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env(data_dir),
        umask=0o022,
        check=True,
        capture_output=True,
        timeout=120,
    )


def modes(data_dir: Path) -> dict[str, int]:
    """Permission bits of the directory and of everything under it, by relative path."""
    found = {".": stat.S_IMODE(data_dir.stat().st_mode)}
    for path in data_dir.rglob("*"):
        found[str(path.relative_to(data_dir))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def loose(found: dict[str, int], data_dir: Path) -> list[str]:
    return [
        f"{name} {mode:o}"
        for name, mode in found.items()
        if mode != (0o700 if (data_dir / name).is_dir() else 0o600)
    ]


def test_it_keeps_every_file_of_a_new_data_dir_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    manage(data_dir, "migrate", "--noinput", "-v0")
    manage(data_dir, "loaddemo")
    manage(data_dir, "sendtestemail", "someone@example.org")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD],
        cwd=ROOT,
        env=env(data_dir),
        umask=0o022,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        found = modes(data_dir)
    finally:
        holder.communicate("\n", timeout=60)
    names = set(found)
    assert {"freethem.sqlite3", "freethem.sqlite3-wal", "freethem.sqlite3-shm"} <= names
    assert {"secret_key", "data_key", "freethem.sqlite3.writers", "media/prisoners"} <= names
    assert any(name.startswith("outbox/") and name.endswith(".eml") for name in names)
    assert "media/prisoners/photo.jpg" in names
    assert loose(found, data_dir) == []


def test_it_closes_a_data_dir_left_readable_at_start_up(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "outbox").mkdir(parents=True)
    (data_dir / "freethem.sqlite3").write_bytes(b"")
    (data_dir / "secret_key").write_text("k3y-" + "x7Qp9Lm2Zr" * 6)
    for path in (data_dir, data_dir / "outbox"):
        path.chmod(0o755)
    for path in (data_dir / "freethem.sqlite3", data_dir / "secret_key"):
        path.chmod(0o644)
    manage(data_dir, "check")
    assert loose(modes(data_dir), data_dir) == []

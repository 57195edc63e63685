"""`bin/manage backup` and `bin/manage restore`, run as an operator runs them: a site with the
demo data, a photo and a mailed personal link, backed up, its data dropped, and restored."""

import json
import os
import secrets
import shutil
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[3]
MANAGE = str(ROOT / "bin" / "manage")

# Run in the site: demo data, a prisoner's photo, and a signer's personal link as mailed.
MAKE_SITE = """
import json
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from freethem.appeals.models import Signature
from freethem.appeals.services import personal_token
from freethem.prisoners.models import Person
call_command("migrate", verbosity=0)
call_command("loaddemo", verbosity=0)
person = Person.objects.order_by("pk").first()
person.photo.save("backup-test.png", ContentFile(b"a photo"), save=True)
signature = Signature.objects.order_by("pk").first()
link = reverse("appeals:personal", args=[signature.appeal.slug, personal_token(signature)])
print(json.dumps({"link": link, "name": signature.name}))
"""

# Run in the restored site: what a signer, an organiser and a visitor would see.
INSPECT_SITE = """
import json
from django.contrib.auth.models import User
from django.test import Client
from freethem.appeals.models import Signature
from freethem.core.management.commands.loaddemo import DEMO_PASSWORD
from freethem.prisoners.models import Person
page = Client().get(LINK)
print(json.dumps({
    "emails": sorted(signature.email for signature in Signature.objects.all()),
    "staff_password_ok": User.objects.get(username="demo").check_password(DEMO_PASSWORD),
    "photo": Person.objects.exclude(photo="").get().photo.read().decode(),
    "personal_page": page.status_code,
    "personal_page_names": NAME in page.content.decode(),
}))
"""
DEMO_EMAILS = sorted(f"demo-signer-{number}@example.org" for number in range(1, 9))


def clean_environment() -> dict[str, str]:
    """The test process's environment without any freethem or database setting."""
    dropped = ("FREETHEM_", "DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    return {key: value for key, value in os.environ.items() if not key.startswith(dropped)}


def write_env_file(path: Path, **values: str) -> Path:
    path.write_text("# a site's env file\n" + "".join(f"{k}={v}\n" for k, v in values.items()))
    path.chmod(0o600)
    return path


def manage(env_file: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**clean_environment(), "FREETHEM_ENV_FILE": str(env_file)}
    result = subprocess.run(
        [MANAGE, *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    if check and result.returncode != 0:
        raise AssertionError(f"bin/manage {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result


def last_json(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def make_site(env_file: Path) -> dict:
    return last_json(manage(env_file, "shell", "-v", "0", "-c", MAKE_SITE))


def inspect_site(env_file: Path, site: dict) -> dict:
    code = f"LINK = {site['link']!r}\nNAME = {site['name']!r}\n" + INSPECT_SITE
    return last_json(manage(env_file, "shell", "-v", "0", "-c", code))


def backup(env_file: Path, *args: str) -> Path:
    result = manage(env_file, "backup", *args)
    archive = Path(result.stdout.strip().splitlines()[-1])
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    return archive


def assert_site_is_back(env_file: Path, site: dict) -> None:
    seen = inspect_site(env_file, site)
    assert seen == {
        "emails": DEMO_EMAILS,
        "staff_password_ok": True,
        "photo": "a photo",
        "personal_page": 200,
        "personal_page_names": True,
    }


@pytest.fixture(scope="module")
def dev_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Path]:
    """A development site (keys in data directory files), its env file and a backup."""
    root = tmp_path_factory.mktemp("dev-site")
    env_file = write_env_file(root / "site.env", FREETHEM_DATA_DIR=str(root / "data"))
    site = make_site(env_file)
    return env_file, site, backup(env_file)


def test_it_brings_back_signatures_staff_photos_and_personal_links(
    dev_site: tuple[Path, dict, Path], tmp_path: Path
) -> None:
    _, site, archive = dev_site
    data = tmp_path / "data"
    env_file = write_env_file(tmp_path / "new.env", FREETHEM_DATA_DIR=str(data))
    # A new machine's first command makes a development secret_key; the backup's replaces it.
    manage(env_file, "check")
    fresh_key = (data / "secret_key").read_text()

    result = manage(env_file, "restore", str(archive))

    # The media: the prisoner photo the site was given, and the demo event's photo; the demo's
    # gifts and volunteers are personal data too, restored and read with the archive's keys.
    assert (
        "Restored 8 signatures, 17 gifts, 3 volunteers, 1 staff user and 2 media files"
        in result.stdout
    )
    assert (data / "secret_key").read_text() != fresh_key
    assert_site_is_back(env_file, site)


def test_it_refuses_a_data_directory_that_holds_data_and_changes_nothing(
    dev_site: tuple[Path, dict, Path],
) -> None:
    env_file, _, archive = dev_site
    database = Path(env_file.parent / "data" / "freethem.sqlite3")
    before = database.read_bytes()

    result = manage(env_file, "restore", str(archive), check=False)

    assert result.returncode == 1
    assert "nothing was changed" in result.stderr
    assert "already has" in result.stderr and "media storage already holds files" in result.stderr
    assert database.read_bytes() == before


def test_it_keeps_keys_apart_and_installs_the_env_file_on_a_fresh_machine(tmp_path: Path) -> None:
    """Production's way: keys in the env file, the backup's keys stored apart; then the
    machine is lost (data directory and env file) and restored from the two files."""
    data = tmp_path / "data"
    env_file = write_env_file(
        tmp_path / "freethem.env",
        FREETHEM_DATA_DIR=str(data),
        SECRET_KEY=secrets.token_urlsafe(50),
        FREETHEM_DATA_KEYS=Fernet.generate_key().decode(),
    )
    site = make_site(env_file)
    keys_file = tmp_path / "keys.env"
    archive = backup(env_file, "--output", str(tmp_path), "--keys-apart", str(keys_file))
    original_env = env_file.read_text()
    with tarfile.open(archive) as tar:
        archived_env = tar.extractfile("freethem.env").read().decode()
        assert "keys.env" not in tar.getnames()
    assert "SECRET_KEY=" not in archived_env and "FREETHEM_DATA_KEYS=" not in archived_env
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    shutil.rmtree(data)
    env_file.unlink()

    refused = manage(env_file, "restore", str(archive), check=False)
    assert refused.returncode == 1 and "--keys" in refused.stderr
    assert not env_file.exists() and not data.exists()

    result = manage(env_file, "restore", str(archive), "--keys", str(keys_file))

    assert f"Installed the backup's env file at {env_file}" in result.stdout
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert env_file.read_text() == original_env
    assert not (data / "data_key").exists()  # the key stays in the env file only
    assert_site_is_back(env_file, site)


postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs DATABASE_URL naming PostgreSQL (bin/with-postgres)",
)


@pytest.fixture
def scratch_databases() -> list[str]:
    """Two new, empty databases on the test's PostgreSQL server; their URLs."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    base = url.rsplit("/", 1)[0]
    names = [f"backup_{secrets.token_hex(4)}_{side}" for side in ("from", "to")]
    with psycopg.connect(url, autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    yield [f"{base}/{name}" for name in names]
    with psycopg.connect(url, autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@postgres
def test_it_restores_a_postgresql_site_into_another_database(
    scratch_databases: list[str], tmp_path: Path
) -> None:
    source, target = scratch_databases
    env_file = write_env_file(
        tmp_path / "old.env", FREETHEM_DATA_DIR=str(tmp_path / "old"), DATABASE_URL=source
    )
    site = make_site(env_file)
    archive = backup(env_file)
    with tarfile.open(archive) as tar:
        assert "database.pgdump" in tar.getnames()
    new_env = write_env_file(
        tmp_path / "new.env", FREETHEM_DATA_DIR=str(tmp_path / "new"), DATABASE_URL=target
    )

    result = manage(new_env, "restore", str(archive))

    assert "Restored 8 signatures" in result.stdout and "PostgreSQL" in result.stdout
    assert_site_is_back(new_env, site)
    again = manage(new_env, "restore", str(archive), check=False)
    assert again.returncode == 1 and "tables" in again.stderr


@postgres
def test_it_writes_no_archive_when_pg_dump_fails(tmp_path: Path) -> None:
    """A pg_dump that fails half-way (a full disk, a lost connection) leaves no archive."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "pg_dump").write_text(
        "#!/bin/sh\nfor arg; do case $arg in --file=*) echo partial > ${arg#--file=};; esac; done\n"
        "echo 'pg_dump: error: could not write to output file: No space left' >&2; exit 1\n"
    )
    (tools / "pg_dump").chmod(0o700)
    env_file = write_env_file(
        tmp_path / "site.env",
        FREETHEM_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=os.environ["DATABASE_URL"],
        PATH=f"{tools}:{os.environ['PATH']}",
    )

    result = manage(env_file, "backup", check=False)

    assert result.returncode == 1
    assert "pg_dump failed (exit code 1)" in result.stderr and "No space left" in result.stderr
    assert list((tmp_path / "data" / "backups").iterdir()) == []

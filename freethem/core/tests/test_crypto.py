"""A database of encrypted personal data and a key that does not read it: the site, the check
and development's key file all refuse, rather than run with a new key over the old data.

Each test runs manage.py, gunicorn or python in a fresh process, on a SQLite data directory
copied from one made once for the module (migrated, holding one signature)."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from freethem.core import crypto
from freethem.core.crypto import KEY_NOT_CONFIGURED
from freethem.core.tests.test_settings import PRODUCTION, ROOT, environment, run

OLD_KEY = Fernet.generate_key().decode()
SIGN = (
    "import django; django.setup();"
    "from freethem.appeals.models import Appeal, Signature;"
    "appeal = Appeal.objects.get_or_create(slug='a', defaults=dict(title_en='A', title_fa='A',"
    " text_en='t', text_fa='t'))[0];"
    "Signature.objects.create(appeal=appeal, name='Sara Example', email='sara@example.org',"
    " email_hash='{hash}', email_domain='example.org', country='IR')"
)
READ = (
    "import django; django.setup();"
    "from freethem.appeals.models import Signature; print(Signature.objects.get().email)"
)


@pytest.fixture(scope="module")
def signed_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated data directory holding one signature, written with OLD_KEY."""
    data_dir = tmp_path_factory.mktemp("signed") / "data"
    migrate = run(["manage.py", "migrate", "-v0"], data_dir, FREETHEM_DATA_KEYS=OLD_KEY)
    assert migrate.returncode == 0, migrate.stderr
    signed = run(SIGN.format(hash="h1"), data_dir, FREETHEM_DATA_KEYS=OLD_KEY)
    assert signed.returncode == 0, signed.stderr
    return data_dir


@pytest.fixture
def data_dir(signed_data_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(signed_data_dir, tmp_path / "data"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(data_dir: Path, port: int, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "freethem.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=environment(data_dir, **env), stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_it_will_not_serve_with_a_key_that_does_not_read_the_data(data_dir: Path) -> None:
    server = gunicorn(data_dir, free_port(), **PRODUCTION)  # a new FREETHEM_DATA_KEYS
    try:
        _out, err = server.communicate(timeout=30)
    finally:
        server.terminate()  # still serving: the test fails; gunicorn stops its worker too
        server.wait(10)
    assert server.returncode != 0  # gunicorn: "Worker failed to boot."
    assert KEY_NOT_CONFIGURED in err


def test_it_serves_with_the_key_the_data_was_written_with(data_dir: Path) -> None:
    port = free_port()
    env = {**PRODUCTION, "FREETHEM_DATA_KEYS": f"{Fernet.generate_key().decode()},{OLD_KEY}"}
    env.update(ALLOWED_HOSTS="127.0.0.1", FREETHEM_SITE_URL="https://127.0.0.1")
    server = gunicorn(data_dir, port, **env, FREETHEM_HTTPS="0")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert status_of(f"http://127.0.0.1:{port}/") == 200
                break
            except urllib.error.URLError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(10)


def test_the_database_check_reports_a_key_that_does_not_read_the_data(data_dir: Path) -> None:
    check = ["manage.py", "check", "--database", "default"]
    wrong = run(check, data_dir, FREETHEM_DATA_KEYS=Fernet.generate_key().decode())
    assert wrong.returncode == 1
    assert f"?: (freethem.E001) {KEY_NOT_CONFIGURED}" in wrong.stderr

    right = run(check, data_dir, FREETHEM_DATA_KEYS=OLD_KEY)
    assert right.returncode == 0, right.stderr
    assert "System check identified no issues" in right.stdout


def test_development_will_not_make_a_new_key_over_existing_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert run(["manage.py", "migrate", "-v0"], data_dir).returncode == 0
    signed = run(SIGN.format(hash="h1"), data_dir)  # no FREETHEM_DATA_KEYS: makes data_key
    assert signed.returncode == 0, signed.stderr
    assert (data_dir / "data_key").stat().st_mode & 0o777 == 0o600
    assert run(READ, data_dir).stdout.strip() == "sara@example.org"

    (data_dir / "data_key").unlink()  # lost, or a database restored without its key
    for code in [READ, SIGN.format(hash="h2")]:
        refused = run(code, data_dir)
        assert refused.returncode != 0
        assert f"ImproperlyConfigured: {KEY_NOT_CONFIGURED}" in refused.stderr
        assert not (data_dir / "data_key").exists()
    check = run(["manage.py", "check", "--database", "default"], data_dir)
    assert KEY_NOT_CONFIGURED in check.stderr
    assert not (data_dir / "data_key").exists()


def test_it_checks_an_empty_or_unmigrated_database_without_complaint(tmp_path: Path) -> None:
    check = ["manage.py", "check", "--database", "default"]
    assert run(check, tmp_path / "new").returncode == 0
    assert run(["manage.py", "migrate", "-v0"], tmp_path / "new").returncode == 0
    assert run(check, tmp_path / "new").returncode == 0
    assert not (tmp_path / "new" / "data_key").exists()  # nothing encrypted yet


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(value: str) -> None:
        monkeypatch.setenv("FREETHEM_DATA_KEYS", value)
        crypto.reset_keys()

    yield use
    monkeypatch.undo()
    crypto.reset_keys()


@pytest.mark.django_db
def test_the_check_reads_the_newest_row_on_this_database(keys: Callable[[str], None]) -> None:
    from freethem.appeals.models import Signature
    from freethem.appeals.tests.factories import make_appeal

    keys(OLD_KEY)
    crypto.check_stored_data()  # nothing stored yet
    appeal = make_appeal()
    fields = {"appeal": appeal, "email_domain": "example.org", "country": "IR"}
    Signature.objects.create(name="Old", email="old@example.org", email_hash="h1", **fields)
    new_key = Fernet.generate_key().decode()
    keys(f"{new_key},{OLD_KEY}")  # rotated: new rows use the new key, old ones still read
    Signature.objects.create(name="New", email="new@example.org", email_hash="h2", **fields)
    crypto.check_stored_data()

    keys(new_key)  # the old key dropped: the newest row reads, an old one would not
    crypto.check_stored_data()
    keys(OLD_KEY)  # a backup's key, without the newer one
    with pytest.raises(ImproperlyConfigured, match="set FREETHEM_DATA_KEYS to the key it was"):
        crypto.check_stored_data()

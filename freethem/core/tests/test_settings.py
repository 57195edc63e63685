"""Settings read from the environment, checked in a fresh interpreter each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "k3y-" + "x7Qp9Lm2Zr" * 6
# Everything production needs, as an operator's env file would give it.
PRODUCTION = {
    "FREETHEM_ENV": "production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "campaign.example.org",
    "FREETHEM_SITE_URL": "https://campaign.example.org",
    "FREETHEM_DATA_KEYS": Fernet.generate_key().decode(),
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "Campaign <noreply@campaign.example.org>",
}
PROBE = (
    "import django; django.setup();"
    "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
)


def environment(data_dir: Path, **env: str) -> dict[str, str]:
    """This process's environment without freethem's settings, and with these."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FREETHEM_", "DATABASE_"))}
    for name in ["SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_HOST", "DEFAULT_FROM_EMAIL"]:
        base.pop(name, None)
    base.update({"DJANGO_SETTINGS_MODULE": "freethem.settings", "FREETHEM_DATA_DIR": str(data_dir)})
    return {**base, **env}


def run(code_or_args: str | list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    base = environment(tmp_path, **env)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("name", list(PRODUCTION)[1:])
def test_it_refuses_production_without_what_it_needs(tmp_path: Path, name: str) -> None:
    result = run(PROBE, tmp_path, **{**PRODUCTION, name: ""})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: FREETHEM_ENV=production needs {name} to be set." in result.stderr


def test_it_names_everything_production_lacks_at_once(tmp_path: Path) -> None:
    result = run(PROBE, tmp_path, FREETHEM_ENV="production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert (
        "FREETHEM_ENV=production needs ALLOWED_HOSTS, FREETHEM_SITE_URL, FREETHEM_DATA_KEYS, "
        "EMAIL_HOST and DEFAULT_FROM_EMAIL to be set. See 'Configuration' in README.md."
    ) in result.stderr


SITE_URL_PROBLEMS = {
    "http://campaign.example.org": "must start with https:// in production",
    "https://campaign.example.org/appeal/": "must be the address of the site alone",
    "https://campaign.example.org/?a=1": "must be the address of the site alone",
    "campaign.example.org": "is not an address like https://campaign.example.org",
    "https://other.example.org": "names a host that ALLOWED_HOSTS does not list",
}


@pytest.mark.parametrize("url", SITE_URL_PROBLEMS)
def test_it_refuses_a_production_site_url_that_mails_cannot_link_to(
    tmp_path: Path, url: str
) -> None:
    result = run(PROBE, tmp_path, **{**PRODUCTION, "FREETHEM_SITE_URL": url})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: FREETHEM_SITE_URL {url!r} " in result.stderr
    assert SITE_URL_PROBLEMS[url] in result.stderr


def test_it_links_mails_to_the_site_url_without_its_trailing_slash(tmp_path: Path) -> None:
    code = (
        "import django; django.setup();"
        "from freethem.appeals.services import site_url; print(site_url('/appeal/x/'))"
    )
    result = run(
        code, tmp_path, **{**PRODUCTION, "FREETHEM_SITE_URL": "https://Campaign.example.org:8443/"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://campaign.example.org:8443/appeal/x/"


def test_it_refuses_a_sender_at_localhost_in_production(tmp_path: Path) -> None:
    result = run(
        PROBE, tmp_path, **{**PRODUCTION, "DEFAULT_FROM_EMAIL": "freethem <noreply@localhost>"}
    )
    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL is 'freethem <noreply@localhost>': receiving servers refuse" in (
        result.stderr
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a directory to another user needs root")
def test_it_refuses_a_data_dir_of_another_user_in_production(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    os.chown(data_dir, 65534, 65534)  # nobody
    result = run(PROBE, data_dir, **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured: The data directory cannot be made private: " in result.stderr
    assert f"{data_dir} belongs to the user nobody, but freethem runs as root." in result.stderr
    assert f"chown -R root: {data_dir}" in result.stderr
    # Development goes on, as before (a shared test machine, a container's volume).
    assert run(PROBE, data_dir).returncode == 0


# Keys Django's check security.W009 warns about: too short, too few different characters, or
# one Django's startproject made.
WEAK_KEYS = {
    "short": GOOD_KEY[:49],
    "few-characters": "abcd" * 20,
    "django-insecure": "django-insecure-" + GOOD_KEY,
}


@pytest.mark.parametrize("name", WEAK_KEYS)
def test_it_refuses_a_weak_production_secret_key(tmp_path: Path, name: str) -> None:
    result = run(PROBE, tmp_path, **{**PRODUCTION, "SECRET_KEY": WEAK_KEYS[name]})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak for production" in result.stderr
    assert "at least 50 characters, 5 or more of them different" in result.stderr


def test_it_refuses_an_unknown_environment_name(tmp_path: Path) -> None:
    result = run(PROBE, tmp_path, FREETHEM_ENV="prod")
    assert result.returncode != 0
    assert "FREETHEM_ENV must be 'development' or 'production'" in result.stderr


def test_it_passes_the_deploy_check_in_production(tmp_path: Path) -> None:
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_it_sends_hsts_and_secure_cookies_in_production(tmp_path: Path) -> None:
    # A page that needs no database (this one is not migrated): the privacy page.
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from django.conf import settings;"
        "r = Client().get('/privacy/', secure=True, headers={'host': 'campaign.example.org'});"
        "print(r.status_code, r.headers.get('Strict-Transport-Security'));"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE);"
        "print(Client().get('/privacy/', headers={'host': 'campaign.example.org'}).status_code)"
    )
    result = run(
        code,
        tmp_path,
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "200 max-age=63072000; includeSubDomains; preload"
    assert lines[1] == "True True"
    assert lines[2] == "301"  # plain http is sent to https


def test_it_defaults_to_sqlite_in_the_data_dir_with_a_private_key_file(tmp_path: Path) -> None:
    code = PROBE + ";print(settings.DATABASES['default']['NAME'])"
    result = run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "freethem.core.sqlite"
    assert name == str(tmp_path / "freethem.sqlite3")
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_text().strip()) >= 50


def test_it_switches_to_postgresql_with_a_pool_from_database_url(tmp_path: Path) -> None:
    code = PROBE + ";print(settings.DATABASES['default']['OPTIONS']['pool']['max_size'])"
    result = run(code, tmp_path, DATABASE_URL="postgres://u:p@127.0.0.1:5432/freethem")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "8"]


def test_it_hashes_passwords_with_argon2() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize("directive", ["script-src", "style-src", "default-src"])
def test_it_allows_no_inline_code_or_other_host(directive: str) -> None:
    sources = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"][directive]
    assert "'unsafe-inline'" not in sources
    assert all(source in {"'self'", "'none'"} for source in sources)


def test_it_keeps_uploads_in_a_private_shared_directory_when_given_one(tmp_path: Path) -> None:
    shared = tmp_path / "nfs" / "media"
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import default_storage; print(default_storage.location)"
    )
    result = run(code, tmp_path / "data", FREETHEM_MEDIA_ROOT=str(shared))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(shared)
    assert shared.stat().st_mode & 0o777 == 0o700


def test_it_refuses_a_cache_url_that_is_not_redis(tmp_path: Path) -> None:
    result = run(PROBE, tmp_path, FREETHEM_CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "FREETHEM_CACHE_URL 'memcached://127.0.0.1:11211' must be a Redis URL" in result.stderr


@pytest.mark.parametrize("value", ["ture", "Y", "enabled"])
def test_it_refuses_to_start_with_a_misspelt_yes_or_no(tmp_path: Path, value: str) -> None:
    result = run(PROBE, tmp_path, FREETHEM_HTTPS=value)
    assert result.returncode != 0
    assert (
        f"ImproperlyConfigured: FREETHEM_HTTPS={value!r} is neither true nor false. "
        "Use 1/0, true/false, yes/no or on/off (in any case), or leave it empty for the default."
    ) in result.stderr


@pytest.mark.parametrize(
    ("value", "secure"), [("TRUE", "True"), (" On ", "True"), ("0", "False"), ("", "False")]
)
def test_it_reads_yes_or_no_in_any_case_and_empty_as_the_default(
    tmp_path: Path, value: str, secure: str
) -> None:
    code = "import django; django.setup(); from django.conf import settings;"
    result = run(code + "print(settings.SESSION_COOKIE_SECURE)", tmp_path, FREETHEM_HTTPS=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == secure


@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("PORT", "80a", "a whole number"),
        ("FREETHEM_TASK_LEASE", "5m", "a whole number"),
        ("FREETHEM_LOGIN_FAILURE_LIMIT", "five", "a whole number"),
    ],
)
def test_it_refuses_to_start_with_a_number_that_is_not_one(
    tmp_path: Path, name: str, value: str, what: str
) -> None:
    result = run(PROBE, tmp_path, **{name: value})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name}={value!r} is not {what}." in result.stderr


def test_it_refuses_a_pool_size_or_timeout_that_is_not_a_number(tmp_path: Path) -> None:
    url = "postgres://u:p@127.0.0.1:5432/freethem"
    size = run(PROBE, tmp_path, DATABASE_URL=url, FREETHEM_DB_POOL_SIZE="abc")
    assert "ImproperlyConfigured: FREETHEM_DB_POOL_SIZE='abc' is not a whole number." in (
        size.stderr
    )
    timeout = run(PROBE, tmp_path, DATABASE_URL=url, FREETHEM_DB_POOL_TIMEOUT="10s")
    assert "ImproperlyConfigured: FREETHEM_DB_POOL_TIMEOUT='10s' is not a number." in (
        timeout.stderr
    )

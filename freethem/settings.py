"""Settings for freethem, read from the environment.

A local run needs no configuration: data lives in ./var (or FREETHEM_DATA_DIR) and the
database is SQLite. FREETHEM_ENV=production turns on every protection and refuses to start
without the secrets it needs. Every variable is listed in README.md.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port, validate_host
from django.utils.translation import gettext_lazy as _

from freethem.core.datadir import close_data_dir, not_private_because
from freethem.core.keyfile import read_or_create

BASE_DIR = Path(__file__).resolve().parent.parent


# The words a yes/no variable accepts, in any case.
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; unset or empty means the default. Any other word stops start-up:
    FREETHEM_HTTPS=ture must not quietly mean false."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(
            f"{name}={value!r} is neither true nor false. Use 1/0, true/false, yes/no or on/off "
            "(in any case), or leave it empty for the default."
        )
    return value.lower() in TRUE_WORDS


def env_number(name: str, default: float, kind: type[float]) -> float:
    """A number (of this kind); unset or empty means the default, anything else stops start-up
    with the variable's name rather than a bare ValueError."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ImproperlyConfigured(
            f"{name}={value!r} is not {what}. Leave it empty for the default, {default}."
        ) from None


def env_int(name: str, default: int) -> int:
    return int(env_number(name, default, int))


def env_float(name: str, default: float) -> float:
    return env_number(name, default, float)


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


FREETHEM_ENV = os.environ.get("FREETHEM_ENV", "development").strip().lower()
if FREETHEM_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"FREETHEM_ENV must be 'development' or 'production', not {FREETHEM_ENV!r}."
    )
PRODUCTION = FREETHEM_ENV == "production"

# The data directory holds the database (sessions, staff second factors, signers' data), the
# keys, the outbox's mails and uploads: no other user of the machine may read it. A umask of
# 077, set before anything is created, makes every file this process creates 0600 and every
# directory 0700, whoever creates it: SQLite (its -wal and -shm too), Django's storage, the
# task worker, manage.py; a directory left looser by an older version is closed at start-up.
os.umask(0o077)
DATA_DIR = Path(os.environ.get("FREETHEM_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
close_data_dir(DATA_DIR)
if PRODUCTION and (reason := not_private_because(DATA_DIR)):
    raise ImproperlyConfigured(f"The data directory cannot be made private: {reason}")


def english_list(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def site_url(value: str, *, production: bool, allowed_hosts: list[str]) -> str:
    """The site's address as scheme://host[:port], without a trailing slash; production
    refuses one that is not https:// or whose host ALLOWED_HOSTS would answer with a 400."""
    url = urlsplit(value)
    if url.scheme not in {"http", "https"} or not url.hostname or url.username is not None:
        problem = "is not an address like https://campaign.example.org"
    elif url.path not in {"", "/"} or url.query or url.fragment:
        problem = "must be the address of the site alone, with no path, query or fragment"
    elif production and url.scheme != "https":
        problem = "must start with https:// in production: links in mails must use TLS"
    elif production and not validate_host(split_domain_port(url.netloc)[0], allowed_hosts):
        problem = "names a host that ALLOWED_HOSTS does not list: its links would answer 400"
    else:
        return f"{url.scheme}://{url.netloc.lower()}"
    raise ImproperlyConfigured(f"FREETHEM_SITE_URL {value!r} {problem}.")


def development_secret_key(data_dir: Path) -> str:
    """A key made once per data directory, so a local run needs no configuration."""
    return read_or_create(
        data_dir / "secret_key", lambda: secrets.token_urlsafe(50).encode()
    ).decode()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Keys SECRET_KEY replaced: links signed with them are still accepted (freethem.core.secretkey).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Production takes its data keys from the environment only: a key file made at start-up would
# be a different key on each node, or a new key over data written with the old one.
FREETHEM_DATA_KEYS = os.environ.get("FREETHEM_DATA_KEYS", "").strip()
# Without an SMTP server mails would only be written to files, and confirmation links would
# never reach signers; receiving servers refuse a sender at localhost.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "")
if PRODUCTION:
    required = {
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": ALLOWED_HOSTS,
        "FREETHEM_SITE_URL": os.environ.get("FREETHEM_SITE_URL", "").strip(),
        "FREETHEM_DATA_KEYS": FREETHEM_DATA_KEYS,
        "EMAIL_HOST": EMAIL_HOST,
        "DEFAULT_FROM_EMAIL": DEFAULT_FROM_EMAIL,
    }
    if missing := [name for name, value in required.items() if not value]:
        raise ImproperlyConfigured(
            f"FREETHEM_ENV=production needs {english_list(missing)} to be set. "
            "See 'Configuration' in README.md."
        )
    # Django's check security.W009 only warns about a weak key; production refuses one.
    if (
        len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
        or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production: it needs at least {SECRET_KEY_MIN_LENGTH} "
            f"characters, {SECRET_KEY_MIN_UNIQUE_CHARACTERS} or more of them different, and "
            f"must not start with {SECRET_KEY_INSECURE_PREFIX!r}. Make one with: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
else:
    SECRET_KEY = SECRET_KEY or development_secret_key(DATA_DIR)
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

DEBUG = env_bool("FREETHEM_DEBUG", False) and not PRODUCTION

INSTALLED_APPS = [
    "freethem.core.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "reversion",
    "reversion_compare",
    "freethem.core",
    "freethem.prisoners",
    "freethem.appeals",
    "freethem.protests",
    "freethem.events",
    "freethem.actions",
]

MIDDLEWARE = [
    # The header middlewares come first, outside every middleware that answers by itself
    # (WhiteNoise's static files, the charset check) or raises (Common's DisallowedHost),
    # so that every response carries the same security headers as a page.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "freethem.core.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Inside the header middlewares, so its 400 carries them; after Locale, for the language.
    "freethem.core.middleware.utf8_requests",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Axes must come last: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "freethem.urls"
WSGI_APPLICATION = "freethem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["freethem.core.templatetags.freethem"],
        },
    },
]

# Databases: SQLite in the data directory unless DATABASE_URL names another server.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    database = dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=False)
    if database["ENGINE"] == "django.db.backends.postgresql" and env_bool("FREETHEM_DB_POOL", True):
        # Django's own psycopg pool; it requires CONN_MAX_AGE = 0. Health checks make the pool
        # test a connection before lending it (about 40 us on loopback), so after PostgreSQL
        # restarts no request gets a connection the server has closed.
        database["CONN_HEALTH_CHECKS"] = True
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env_int("FREETHEM_DB_POOL_SIZE", 8),
            # Seconds a request waits for a connection before it fails.
            "timeout": env_float("FREETHEM_DB_POOL_TIMEOUT", 10.0),
        }
else:
    database = {
        # Django's SQLite backend, with write transactions taking turns (freethem/core/sqlite).
        "ENGINE": "freethem.core.sqlite",
        "NAME": DATA_DIR / "freethem.sqlite3",
        # Each server process keeps its connection: opening one runs the PRAGMAs below, and
        # closing the last one checkpoints the WAL: 4.7 ms of CPU a signature instead of 9.4.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            # IMMEDIATE takes the write lock when a transaction starts, so two writers wait
            # for each other (busy timeout) instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
                # Reads through a memory map skip a copy per page (search scans index ranges).
                "PRAGMA mmap_size=268435456;"
            ),
        },
    }
DATABASES = {"default": database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "staff_login"

# Brute-force lockout of the staff login.
AXES_FAILURE_LIMIT = env_int("FREETHEM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "freethem.core.net.client_ip"
AXES_LOCKOUT_TEMPLATE = "core/staff/locked_out.html"
AXES_VERBOSE = False
# Failed sign-ins for one username from all addresses together before sign-in to it pauses
# for 1, 2, 4 ... minutes, at most an hour (freethem.core.services.signin_failure_record).
FREETHEM_ACCOUNT_FAILURE_LIMIT = env_int("FREETHEM_ACCOUNT_FAILURE_LIMIT", 10)
# Proxies whose X-Forwarded-For is believed (addresses or networks). Never trusted blindly.
FREETHEM_TRUSTED_PROXIES = env_list("FREETHEM_TRUSTED_PROXIES")

OTP_TOTP_ISSUER = os.environ.get("FREETHEM_SITE_NAME", "freethem")
# django-otp's own device pages leave out keys, otpauth URLs and QR codes (the staff site hides
# those pages from all but superusers, and never shows a key even to them: core/staff.py).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Languages: English and Persian on every page. Persian URLs start with /fa/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fa", _("Persian"))]
LOCALE_PATHS = [BASE_DIR / "freethem" / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
# Built by `collectstatic` during set-up; code-derived, so it lives beside the code.
STATIC_ROOT = Path(os.environ.get("FREETHEM_STATIC_ROOT") or BASE_DIR / "build" / "static")
STATICFILES_DIRS = [
    # Vazirmatn without Latin glyphs, from npm (package-lock.json); Latin text uses system fonts.
    (
        "vendor/vazirmatn",
        BASE_DIR / "node_modules" / "vazirmatn" / "misc" / "Non-Latin" / "fonts" / "webfonts",
    ),
    # The ALTCHA proof-of-work widget of the sign form, from npm (package-lock.json): only the
    # CSP-friendly build and its workers, not the package's other 3 MB of builds.
    ("vendor/altcha/external", BASE_DIR / "node_modules" / "altcha" / "dist" / "external"),
    ("vendor/altcha/workers", BASE_DIR / "node_modules" / "altcha" / "dist" / "workers"),
]
# Uploads (prisoners' photos, public or staff-only) are never served from a URL of their own:
# the app reads them from the storage. On several nodes they must be shared: a directory all
# nodes mount (FREETHEM_MEDIA_ROOT), or a private bucket in an S3-compatible store.
MEDIA_ROOT = Path(os.environ.get("FREETHEM_MEDIA_ROOT") or DATA_DIR / "media").resolve()
MEDIA_URL = "/media/"
# Django would chmod an uploaded file to 0644 whatever the umask; keep uploads private too.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
MEDIA_S3_BUCKET = os.environ.get("FREETHEM_MEDIA_S3_BUCKET", "").strip()
if MEDIA_S3_BUCKET:
    media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("FREETHEM_MEDIA_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("FREETHEM_MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("FREETHEM_MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("FREETHEM_MEDIA_S3_REGION") or None,
            # The bucket's own policy decides (it must be private); an ACL on each object
            # would fail on buckets that disable ACLs, as new AWS buckets do.
            "default_acl": None,
            "file_overwrite": False,
        },
    }
else:
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if os.environ.get("FREETHEM_MEDIA_ROOT"):
        MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        close_data_dir(MEDIA_ROOT)
        if PRODUCTION and (reason := not_private_because(MEDIA_ROOT)):
            raise ImproperlyConfigured(f"The media directory cannot be made private: {reason}")
STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
HTTPS = env_bool("FREETHEM_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("FREETHEM_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("FREETHEM_BEHIND_PROXY", False):
    # The reverse proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "freethem.core.views.csrf_failure"

# Content-Security-Policy: this host only, no inline script or style, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "manifest-src": [SELF],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Mail: SMTP when EMAIL_HOST is set, otherwise .eml files under <data dir>/outbox/.
if EMAIL_HOST:
    # Django's SMTP backend, able to record a mail as sent as the server takes it.
    EMAIL_BACKEND = "freethem.core.mail.SMTPBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    # One .eml file per message, listed in the staff area.
    EMAIL_BACKEND = "freethem.core.mail.OutboxBackend"
EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = DEFAULT_FROM_EMAIL or "freethem <noreply@localhost>"
if PRODUCTION and DEFAULT_FROM_EMAIL.rstrip("> ").lower().endswith(("@localhost", ".localhost")):
    raise ImproperlyConfigured(
        f"DEFAULT_FROM_EMAIL is {DEFAULT_FROM_EMAIL!r}: receiving servers refuse mail from "
        "localhost. Set it to an address at your own domain, e.g. "
        "'Campaign <noreply@campaign.example.org>'."
    )
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site as signers reach it: links in mails start with it.
FREETHEM_SITE_URL = site_url(
    os.environ.get("FREETHEM_SITE_URL", "").strip() or f"http://127.0.0.1:{env_int('PORT', 8000)}",
    production=PRODUCTION,
    allowed_hosts=ALLOWED_HOSTS,
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A client's bad request is one line, without a traceback (freethem/core/logs.py).
    "filters": {"client_errors": {"()": "freethem.core.logs.ClientErrorsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("FREETHEM_LOG_LEVEL", "INFO")},
    # Axes would log usernames and addresses of failed logins; keep personal data out of logs.
    "loggers": {"axes": {"level": "WARNING"}},
}

# How long after its last heartbeat the worker is reported as stale by /healthz.
FREETHEM_WORKER_STALE_AFTER = env_int("FREETHEM_WORKER_STALE_AFTER", 60)

# A task running longer than this (seconds) is taken to have lost its worker and runs again.
FREETHEM_TASK_LEASE = env_int("FREETHEM_TASK_LEASE", 300)
# /healthz says the worker is behind when a task due this long ago (seconds) still waits.
FREETHEM_WORKER_BEHIND_AFTER = env_int("FREETHEM_WORKER_BEHIND_AFTER", 300)

# How many mails a mailing to a list sends per minute at most (the worker sends them in small
# batches, each a task run after the last): mail providers distrust a sudden flood.
FREETHEM_MAILING_RATE = max(1, env_int("FREETHEM_MAILING_RATE", 60))

# Rate-limit counters in Redis (e.g. redis://127.0.0.1:6379/0) instead of the database.
FREETHEM_REDIS_URL = os.environ.get("FREETHEM_REDIS_URL", "").strip()

# The cache (appeal counts, kept for a few seconds) in Redis, shared by every process and
# node, instead of each process's memory. A Redis outage makes it miss, never fail a request.
FREETHEM_CACHE_URL = os.environ.get("FREETHEM_CACHE_URL", "").strip()
if FREETHEM_CACHE_URL:
    if not FREETHEM_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"FREETHEM_CACHE_URL {FREETHEM_CACHE_URL!r} must be a Redis URL, "
            "e.g. redis://127.0.0.1:6379/1"
        )
    CACHES = {
        "default": {
            "BACKEND": "freethem.core.cache.RedisCache",
            "LOCATION": FREETHEM_CACHE_URL,
            "KEY_PREFIX": "freethem",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def payment_page(value: str, *, production: bool) -> str:
    """The processor's hosted payment page (a Stripe Payment Link such as
    https://buy.stripe.com/...), to which gifts are redirected; production wants https://."""
    url = urlsplit(value)
    if url.scheme not in {"http", "https"} or not url.hostname or url.username is not None:
        problem = "is not an address like https://buy.stripe.com/..."
    elif url.fragment:
        problem = "must have no #fragment: the gift's reference is added to its query"
    elif production and url.scheme != "https":
        problem = "must start with https:// in production"
    else:
        return value
    raise ImproperlyConfigured(f"FREETHEM_PAYMENT_URL {value!r} {problem}.")


# Online gifts to fundraising drives (freethem.actions.services.support): the processor's hosted
# page the give form redirects to, with our reference as client_reference_id, and the signing
# secret of its webhook (/hooks/payments/). Both or neither: without them the drives' pages say
# how to give offline.
FREETHEM_PAYMENT_URL = os.environ.get("FREETHEM_PAYMENT_URL", "").strip()
FREETHEM_PAYMENT_WEBHOOK_SECRET = os.environ.get("FREETHEM_PAYMENT_WEBHOOK_SECRET", "").strip()
if bool(FREETHEM_PAYMENT_URL) != bool(FREETHEM_PAYMENT_WEBHOOK_SECRET):
    raise ImproperlyConfigured(
        "FREETHEM_PAYMENT_URL and FREETHEM_PAYMENT_WEBHOOK_SECRET go together: without the "
        "secret no gift could ever be confirmed. Set both, or neither."
    )
if FREETHEM_PAYMENT_URL:
    # (The drive's page, whose form is redirected there, adds its host to form-action.)
    FREETHEM_PAYMENT_URL = payment_page(FREETHEM_PAYMENT_URL, production=PRODUCTION)
# The query parameter that prefills the amount (in minor units) on the processor's page, for
# processors that take one; Stripe's Payment Links take none (the donor types it there).
FREETHEM_PAYMENT_AMOUNT_PARAMETER = os.environ.get("FREETHEM_PAYMENT_AMOUNT_PARAMETER", "").strip()
# Where to write about giving (shown with the offline way to give), e.g. gifts@example.org.
FREETHEM_PAYMENT_CONTACT = os.environ.get("FREETHEM_PAYMENT_CONTACT", "").strip()
# Volunteers (freethem.actions.services.volunteers): a sign-up not confirmed within this many
# days is deleted; a volunteer organisers marked inactive is erased after this many days
# without a change (0: never).
FREETHEM_VOLUNTEER_UNCONFIRMED_DAYS = env_int("FREETHEM_VOLUNTEER_UNCONFIRMED_DAYS", 14)
FREETHEM_VOLUNTEER_INACTIVE_DAYS = env_int("FREETHEM_VOLUNTEER_INACTIVE_DAYS", 730)

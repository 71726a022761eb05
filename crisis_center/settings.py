"""Settings for the crisis center case-management system.

Everything that differs between machines comes from the environment (django-environ).
The defaults are safe for a developer's laptop only: with DEBUG off, a real SECRET_KEY
is required and the production hardening below switches on.
"""

import tempfile
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "local-development-only-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "crisis_center.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "rules",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "crisis_center",
    "intake",
    "advocacy",
    "referrals",
    "collaboration",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server itself (hashed names, gzip and brotli copies):
    # no CDN, and no second server to keep in step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Django's, but a failed session write never turns a finished save into an error.
    "crisis_center.middleware.SessionMiddleware",
    # The center's settings, read once per request when a page first asks.
    "crisis_center.center.CenterSettingsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "crisis_center.middleware.KeepPostAcrossLoginMiddleware",
    # Every page needs a login unless its view says otherwise (@login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A create form sent twice saved nothing: say so (after MessageMiddleware).
    "crisis_center.middleware.AlreadySavedMiddleware",
    # With TWO_FACTOR_REQUIRED, a signed-in user who has not given a second factor in
    # this session reaches only the two-factor pages.
    "crisis_center.two_factor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "crisis_center.middleware.NoStoreMiddleware",
    # A save cut off by the database answers 503 with the form to send again.
    "crisis_center.middleware.DatabaseDownMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "crisis_center.urls"
WSGI_APPLICATION = "crisis_center.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crisis_center.context_processors.staff",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://user:pass@host:5432/name
# switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A worker keeps its connection between requests (checked before reuse) instead of
# opening one per request: on SQLite a new connection reads the schema again and starts
# with an empty page cache, a few milliseconds on every page at 100,000 clients.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN so two writers queue on the busy timeout instead of failing.
            # Each connection keeps up to SQLITE_CACHE_MB of the file's pages in memory
            # (SQLite's default is 2 MB): at 100,000 clients the client table alone is
            # 17 MB, and a supervisor's search reads a row of it for every match.
            # secure_delete: deleted and replaced text is overwritten with zeros, not
            # left in the file's free space (a purge, DESIGN.md rule 9); Debian's SQLite
            # has it on already, other builds do not.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA cache_size=-{1024 * env.int('SQLITE_CACHE_MB', default=32)}; "
            "PRAGMA secure_delete=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reports and dashboards are aggregates of a few hundred milliseconds at most:
    # PostgreSQL's JIT compiles them for longer than it saves (bench/key_pages.py),
    # so it is off unless the DATABASE_URL says otherwise (?options=-c%20jit%3Don).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "crisis_center.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is tried.
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, loading the signed-in person's training hours with them.
    "crisis_center.backends.StaffBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: shared office computers, so a short idle timeout. Every request pushes the
# expiry forward; closing the browser ends the session.
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=15)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form sent after the idle sign-out is kept this long for the person who typed it
# (crisis_center/kept_forms.py), then deleted.
KEPT_FORM_MINUTES = env.int("KEPT_FORM_MINUTES", default=10)

# Two-factor login (TOTP through django-otp): required for everyone when DEBUG is off,
# unless TWO_FACTOR_REQUIRED=false says otherwise (a demo server, say).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Crisis center")

# Flash messages can name a client ("Contact linked to ..."): keep them on the server,
# not in a cookie that is signed but readable on a shared computer.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Login lockout (django-axes): after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is locked for AXES_COOLOFF_MINUTES; never the username alone,
# or anyone could lock anyone out. Behind the proxy the address is the one the proxy
# reports (crisis_center/client_address.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "crisis_center.client_address.client_address"

LANGUAGE_CODE = "en-us"
# What clients see (the feedback survey, resource cards) comes in each of these; staff
# pages stay in LANGUAGE_CODE. A language is a catalog in locale/ (README, "Languages").
LANGUAGES = [("en", "English"), ("es", "Spanish")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # `collectstatic` writes each file under a name holding its hash, plus compressed
    # copies; whitenoise serves them with a far-future cache header.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded documents (networking agreements, clients' documents): outside the web root,
# served only through a view that checks the user.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_DOCUMENT_SIZE = env.int("MAX_DOCUMENT_SIZE", default=10 * 1024 * 1024)
# A page marked for it holds its uploads in memory only, never in a temporary file
# (crisis_center/uploads.py); every other page as Django does.
FILE_UPLOAD_HANDLERS = [
    "crisis_center.uploads.InMemoryOnlyHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Clients' documents are stored encrypted with this key (crisis_center/sealed.py): 32
# random bytes in urlsafe base64 (`manage.py documents_key`), kept apart from the files
# and their backups. Lost, no document opens again.
DOCUMENTS_KEY = env.str("DOCUMENTS_KEY", default="")
if not DOCUMENTS_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DOCUMENTS_KEY must be set when DEBUG is off (`manage.py documents_key` makes one)."
        )
    DOCUMENTS_KEY = "bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1kb2N1bWVudHM="  # local development only

# Encrypted backups (`manage.py backup`, `manage.py restore`). BACKUP_KEY is 32 random
# bytes in urlsafe base64 (`manage.py backup --generate-key`): keep it apart from the
# archives. Archives older than BACKUP_RETENTION_DAYS are deleted after each backup, so a
# purged client does not live on in old archives.
BACKUP_KEY = env.str("BACKUP_KEY", default="")
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
BACKUP_RETENTION_DAYS = env.int("BACKUP_RETENTION_DAYS", default=35)
# The plain copy of the database that a backup seals into its archive is made here, in a
# private folder: on the server's own disk, never where archives go (a USB stick, a
# synced folder). The system's temporary folder (TMPDIR), private per run under systemd.
BACKUP_WORK_DIR = env.path("BACKUP_WORK_DIR", default=tempfile.gettempdir())
if BACKUP_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("BACKUP_RETENTION_DAYS must be at least 1.")

# Reminders by email (`manage.py send_reminders`, from a daily timer): Django's mail
# settings, the console (standard output) unless an SMTP server is given. A reminder
# says how many things are due and links to SITE_URL's calendar, never what they are.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Emergency access ("break the glass"): how long a grant lasts, and how many lookups an
# advocate may make in an hour (wrong guesses included).
EMERGENCY_ACCESS_HOURS = env.int("EMERGENCY_ACCESS_HOURS", default=12)
EMERGENCY_LOOKUPS_PER_HOUR = env.int("EMERGENCY_LOOKUPS_PER_HOUR", default=5)

# Closed client files past this many years are listed by `manage.py retention_due`.
CLIENT_RETENTION_YEARS = env.int("CLIENT_RETENTION_YEARS", default=7)

# The referral directory flags resources not verified for this many months.
REFERRAL_VERIFY_MONTHS = env.int("REFERRAL_VERIFY_MONTHS", default=6)
# Funder reports count quarters of the fiscal year; the federal year starts in October,
# some states reset in July (shared/funder_reports.md).
FISCAL_YEAR_START_MONTH = env.int("FISCAL_YEAR_START_MONTH", default=10)
if not 1 <= FISCAL_YEAR_START_MONTH <= 12:
    raise ImproperlyConfigured("FISCAL_YEAR_START_MONTH must be a month number, 1 to 12.")
# A report's counts are kept and shown again until a record is saved or deleted, and for
# at most this many minutes whatever wrote (intake/stored_reports.py).
REPORT_MAX_AGE_MINUTES = env.int("REPORT_MAX_AGE_MINUTES", default=10)

# Client feedback: a single-use survey link expires after this many days; a kiosk link
# takes at most this many surveys an hour.
FEEDBACK_LINK_DAYS = env.int("FEEDBACK_LINK_DAYS", default=30)
FEEDBACK_KIOSK_PER_HOUR = env.int("FEEDBACK_KIOSK_PER_HOUR", default=30)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content Security Policy (django-csp 4): nothing but our own origin, ever. A request to
# a third-party host would tell that host someone opened the case system.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Production hardening: on whenever DEBUG is off, each switch overridable for a proxy
# setup that needs it.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind the reverse proxy of deploy/nginx.conf: trust the X-Forwarded-Proto and
# X-Forwarded-For it sets (and nothing else can reach the app, which listens on loopback).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "crisis_center.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Axes logs the username of each failed login; keep that out of INFO logs.
        "axes": {"level": "WARNING"},
        # Django's own loggers through the JSON formatter only (its defaults add a plain
        # console handler under DEBUG that prints paths as typed); runserver's request
        # lines too, each path logged as the route it matched.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

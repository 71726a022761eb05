"""Settings for the test suite: the real settings, with test-only defaults.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-not-a-secret")
os.environ.setdefault("DEBUG", "false")
# Tests talk plain HTTP to the test client and to a live server on loopback.
os.environ.setdefault("HTTPS", "false")
# Most tests sign in with force_login; the two-factor tests switch this on themselves.
os.environ.setdefault("TWO_FACTOR_REQUIRED", "false")
# Clients' documents are sealed with it; the processes the tests start (a restore) read
# the same key from the environment they inherit.
os.environ.setdefault("DOCUMENTS_KEY", "dGVzdC1zdWl0ZS1vbmx5LWRvY3VtZW50cy1rZXktMzI=")

from crisis_center.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite renders templates without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Whitenoise looks files up on each request (no collectstatic, no STATIC_ROOT needed).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Each pytest-xdist worker (`make test` runs several) has files of its own: the uploaded
# documents and the backups under var/test-gw0/, var/test-gw1/... (var/test/ when run
# without workers), and its own test database (pytest-django adds the worker to the
# name: var/test-db.sqlite3_gw0, or test_crisis_center_gw0 on PostgreSQL).
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_scratch = BASE_DIR / "var" / (f"test-{_worker}" if _worker else "test")  # noqa: F405
PRIVATE_MEDIA_ROOT = _scratch / "private"
BACKUP_DIR = _scratch / "backups"
BACKUP_WORK_DIR = _scratch / "work"

# SQLite: the test database is a file, as in production, not Django's shared in-memory
# one. The live server's threads then get connections of their own (WAL, busy timeout),
# so requests and a backup can run side by side (tests/test_backup.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _test_database = BASE_DIR / "var" / "test-db.sqlite3"  # noqa: F405
    _test_database.parent.mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_test_database)}  # noqa: F405

# A client record kind that only the tests know (tests/test_record_kinds.py). It has no
# migrations: the test runner creates its tables.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.recordkind_app"]  # noqa: F405

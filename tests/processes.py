"""The app as an operator runs it: `manage.py` and gunicorn in child processes, with the
real settings read from the environment, against a throwaway database of their own."""

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

# What the test process set for itself (tests/settings.py, the browser tests), which a
# child reading the real settings must not inherit.
TEST_ONLY_ENV = ("DEBUG", "HTTPS", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "TWO_FACTOR_REQUIRED")


def child_env(**env: str) -> dict[str, str]:
    """A child's environment: the real settings (with the test-only record kind, whose
    table the test databases hold: tests/child_settings.py), none of the test's own."""
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    return clean | {"DJANGO_SETTINGS_MODULE": "tests.child_settings"} | env


def manage(*args: str, timeout: int = 180, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def production_env(database_url: str, **env: str) -> dict[str, str]:
    """The settings of a production server (DEBUG off, HTTPS on, two factors) on loopback."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        **env,
    }


@contextmanager
def empty_database_url() -> Iterator[str]:
    """A DATABASE_URL for a new, empty database of the suite's vendor, dropped afterwards:
    a SQLite file in a temporary folder, or a database created next to PostgreSQL's."""
    if connection.vendor != "postgresql":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/scratch.sqlite3"
        return
    import psycopg2

    # A connection of its own to the server's maintenance database: this may run
    # outside any test's database access, and CREATE DATABASE needs autocommit.
    server = connection.settings_dict
    name = f"scratch_{secrets.token_hex(6)}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=server["USER"],
        password=server["PASSWORD"],
        host=server["HOST"],
        port=server["PORT"],
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
        finally:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


@contextmanager
def migrated_database_url(**env: str) -> Iterator[str]:
    """A new database of the suite's vendor with every migration applied, dropped
    afterwards. On SQLite it is a copy of the worker's own test database, which holds
    between tests what migrate put there and nothing else: a migrate from zero costs most
    of a minute of CPU (Django renders the models' states operation by operation), and
    the suite would pay it for every server it starts. Use it only outside a transactional
    test (such a test commits its own rows), after `django_db_setup`. On PostgreSQL an
    empty database is migrated."""
    with empty_database_url() as url:
        if connection.vendor == "sqlite":
            source = sqlite3.connect(connection.settings_dict["NAME"])
            target = sqlite3.connect(urlsplit(url).path[1:])  # sqlite:////tmp/...
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            # Local settings unless told otherwise: migrating needs no production key.
            env = {"DEBUG": "true", "HTTPS": "false", **env, "DATABASE_URL": url}
            done = manage("migrate", "--noinput", timeout=1200, **env)
            assert done.returncode == 0, done.stderr
        yield url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NotAnswering(Exception):
    """A server did not answer before its deadline, or its process ended."""


def wait_until(check: Callable[[], object], *, deadline_seconds: float = 30) -> object:
    """Call `check` until it returns something true, for up to `deadline_seconds`, and
    return that; the value of the last call if the deadline passes first. For what a
    child process does a moment after answering (a log line), whose time on a loaded
    machine no fixed sleep can know."""
    deadline = time.monotonic() + deadline_seconds
    while not (found := check()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def wait_until_answers(
    url: str,
    *,
    process: subprocess.Popen | None = None,
    headers: dict | None = None,
    deadline_seconds: float = 60,
    read_timeout: float = 5,
) -> None:
    """Ask `url` until it answers with a success, for up to `deadline_seconds`.

    Until the deadline every failure is a reason to ask again, whatever it is: a refused
    connection (not listening yet), a read timeout (a worker still importing the app on a
    loaded two-core machine), an error status (migrations still running). Only the
    deadline, or the server's process ending, makes it give up, with the last failure.
    """
    deadline = time.monotonic() + deadline_seconds
    last = "nothing asked"
    while True:
        if process is not None and process.poll() is not None:
            raise NotAnswering(f"the server exited with code {process.returncode}")
        left = deadline - time.monotonic()
        if left <= 0:
            raise NotAnswering(f"{url} did not answer in {deadline_seconds} s: {last}")
        try:
            response = requests.get(url, headers=headers, timeout=min(read_timeout, left))
        except requests.RequestException as error:
            last = f"{type(error).__name__}: {error}"
        else:
            if response.ok:
                return
            last = f"status {response.status_code}"
        time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

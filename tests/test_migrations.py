"""Migrations are part of the code: models and migrations must agree."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.processes import manage, migrated_database_url


def test_models_and_migrations_agree(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


# Ours, in dependency order: each depends only on those before it.
APPS = ("crisis_center", "intake", "advocacy", "referrals", "collaboration")


def test_migrations_run_back_to_zero(django_db_setup):
    """Forward from zero is how every worker's test database is made; this takes one
    back to zero, on a throwaway copy of its own (the suite's database is not touched).
    Every migration of ours depends on crisis_center's first (the user model), so taking
    that back takes back all of them, dependents first, in one command: Django works out
    the models' states once, not once an app (each a minute of CPU on SQLite)."""
    with migrated_database_url(**SETTINGS) as url:

        def applied() -> list[str]:
            plan = manage("showmigrations", *APPS, DATABASE_URL=url, **SETTINGS).stdout
            assert all(f"{app}\n" in plan for app in APPS), plan
            return [line for line in plan.splitlines() if "[X]" in line]

        assert len(applied()) > len(APPS)
        # Minutes of CPU on SQLite: the timeout only catches a hang, on a machine as busy
        # as a CI runner with the suite's other workers beside it.
        done = manage(
            "migrate", "crisis_center", "zero", "--noinput",
            timeout=1200, DATABASE_URL=url, **SETTINGS,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "Unapplying collaboration.0001_initial" in done.stdout
        assert "Unapplying intake.0002_seed_classifications" in done.stdout
        assert applied() == []
        # Nothing of ours is left behind (the search table migrate made with raw SQL
        # among them), so migrating forward again starts as from zero.
        tables = manage(
            "shell", "-c",
            "from django.db import connection; print(*connection.introspection.table_names())",
            DATABASE_URL=url, **SETTINGS,
        ).stdout.split()  # fmt: skip
        assert tables and not [t for t in tables if t.startswith(tuple(f"{a}_" for a in APPS))]


SETTINGS = {"DEBUG": "true", "HTTPS": "false"}


def test_the_sqlite_database_checks_with_the_plain_sqlite3_module(db, django_db_blocker):
    """An operator's first tool after a crash is `sqlite3 db.sqlite3 "PRAGMA
    integrity_check"`: no constraint, index or trigger may call a function that only
    Django registers on its own connections (django_date_extract and the like)."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    plain = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        assert plain.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        schema = plain.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        assert [name for name, sql in schema if re.search(r"\bdjango_\w+\(", sql)] == []
    finally:
        plain.close()

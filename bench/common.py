"""What every benchmark shares: a throwaway database and timing a page."""

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))


@contextmanager
def scratch_database() -> Iterator[str]:
    """Django set up on a fresh, migrated database: a temporary SQLite file, or a scratch
    PostgreSQL database next to the one DATABASE_URL names (dropped afterwards)."""
    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()  # allows the test client's host and keeps mail in memory
    old = None
    if connection.vendor == "postgresql":
        old = setup_databases(verbosity=0, interactive=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        yield connection.vendor
    finally:
        if old is not None:
            teardown_databases(old, verbosity=0)
        scratch.cleanup()


def last_quarter():
    """The last complete quarter of the fiscal year: one the loaders filled."""
    from django.utils import timezone

    from crisis_center.reports import Period

    this = Period.containing(timezone.localdate())
    return Period.containing(this.start - timedelta(days=1))


def timed(client, path: str, params: dict, runs: int = RUNS, before=None):
    """(median ms, p95 ms, queries, last response) of GETting a page `runs` times,
    after one request that is not timed."""
    times, queries, response = sample(client, path, params, runs, before)
    return *spread(times), queries, response


def reports_out_of_date() -> None:
    """What saving any record does to the stored report counts: the next look counts."""
    from intake.models import StoredReport

    StoredReport.objects.update(current=False)


def sample(client, path: str, params: dict, runs: int = RUNS, before=None):
    """(times in ms, queries, last response) of GETting a page `runs` times, after one
    request that is not timed; `before`, if given, is called (untimed) before each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, params)  # one untimed request first: templates compiled, caches warm
    times, queries, response = [], 0, None
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path, params)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return times, queries, response


def spread(times: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of some times."""
    times = sorted(times)
    p95 = times[min(len(times), math.ceil(len(times) * 0.95)) - 1]
    return statistics.median(times), p95


def database_url(name: str | None = None) -> str:
    """The URL of the database Django is connected to (or of another database `name` on
    the same server, or SQLite file), for a child process."""
    from urllib.parse import quote

    from django.db import connection

    settings = connection.settings_dict
    name = name or settings["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{settings['PORT'] or 5432}/{name}"


@contextmanager
def gunicorn(workers: int) -> Iterator[tuple[str, "subprocess.Popen"]]:
    """The app under gunicorn (deploy/gunicorn.conf.py) on a free loopback port, with
    production settings but plain HTTP and one factor, on Django's current database.
    Yields the base URL and the master process."""
    import secrets
    import socket

    from tests.processes import wait_until_answers

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tempfile.TemporaryDirectory()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crisis_center.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "HTTPS": "false",
        "TWO_FACTOR_REQUIRED": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": f"{folder.name}/static",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": os.devnull,
    }
    python = sys.executable
    subprocess.run(  # noqa: S603 (our own manage.py)
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(  # noqa: S603 (gunicorn with our own config)
        [python, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/healthz", process=server, deadline_seconds=120)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=60)
        folder.cleanup()

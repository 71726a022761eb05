"""Benchmark: the pages staff open all day, at 1,000 and at 100,000 clients.

    .venv/bin/python bench/key_pages.py                  # a throwaway SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/key_pages.py
    BENCH_SMALL=1000 BENCH_LARGE=10000 .venv/bin/python bench/key_pages.py   # quicker

Fills a fresh database with seed_scale's loader (intake/scale.py, ten contacts per
client) to the small size and keeps a copy of it; then appends up to the large size
(the same staff, caseloads and long-term client stay, the rest of the center grows).
Each page is then asked through Django's test client, which runs the whole request, in
BENCH_ROUNDS rounds; a round starts a fresh process on each database (as a server's
worker would be: not one that just loaded millions of rows) and asks them in turn,
request by request, so that a busy spell of the machine weighs on both sizes alike.
Prints per page the median and 95th-percentile time and the SQL queries at both sizes,
the ratio of the medians and whether the query counts are equal. Last, it serves the
large database with one gunicorn worker (deploy/gunicorn.conf.py), signs in through the
login page as each user, asks every page a few times and prints the worker's peak
resident memory (VmHWM).
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

from common import (
    database_url,
    gunicorn,
    last_quarter,
    reports_out_of_date,
    scratch_database,
    spread,
)

SMALL = int(os.environ.get("BENCH_SMALL", "1000"))
LARGE = int(os.environ.get("BENCH_LARGE", "100000"))
CONTACTS_PER_CLIENT = 10
RUNS = int(os.environ.get("BENCH_RUNS", "30"))  # per page and size, over all rounds
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SERVED_RUNS = 5  # requests per page to the gunicorn worker
AFTER_A_CHANGE = "after_a_change"  # a page parameter for the benchmark, not the view


def main() -> None:
    with scratch_database() as vendor:
        password = secrets.token_urlsafe(12)
        load(SMALL, password)
        pages = key_pages()
        small_url = keep_copy()
        try:
            load(LARGE - SMALL, password)
            large_url = database_url()
            small, large = [], []
            for _ in range(ROUNDS):
                small_round, large_round = measure(small_url, large_url, pages)
                small.append(small_round)
                large.append(large_round)
            report(vendor, pages, combine(small), combine(large))
            peak = served_peak_memory(pages, password)
            print(f"\nOne gunicorn worker serving the pages at {LARGE:,} clients: "
                  f"peak RSS (VmHWM) {peak / 1024:.0f} MB")  # fmt: skip
        finally:
            drop_copy(small_url)


def load(clients: int, password: str) -> None:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.db import transaction

    from crisis_center.models import User
    from intake import scale
    from intake.models import Client

    start = time.perf_counter()
    with transaction.atomic():
        scale.fill(clients, clients * CONTACTS_PER_CLIENT)
        # The test settings hash with MD5; the served site checks the production hasher.
        hasher = PBKDF2PasswordHasher()
        User.objects.filter(username__startswith=scale.PREFIX).update(
            password=hasher.encode(password, hasher.salt())
        )
    scale.analyze()
    total = Client.objects.count()
    print(f"Added {clients:,} clients, {clients * CONTACTS_PER_CLIENT:,} contacts in "
          f"{time.perf_counter() - start:.0f} s ({total:,} clients now)")  # fmt: skip


def key_pages() -> list[tuple[str, str, str, dict]]:
    """(label, username, path, query) of each page, for data the small fill made."""
    from django.db.models import Count

    from intake.models import Client

    advocate, supervisor = "scale-advocate-1", "scale-supervisor"
    long_term = (
        Client.objects.filter(care_team__staff__username=advocate, care_team__ended_at=None)
        .annotate(n=Count("contacts"))
        .order_by("-n", "pk")
        .first()
    )
    term = long_term.pseudonym.split()[0]
    last = last_quarter()
    return [
        ("advocate home (caseload)", advocate, "/", {}),
        (f"client search ({term!r})", advocate, "/clients/", {"q": term}),
        (f"client detail ({long_term.contacts.count()} contacts)", advocate,
         f"/clients/{long_term.pk}/", {}),
        ("directory search ('legal')", advocate, "/directory/", {"q": "legal"}),
        ("supervisor dashboard", supervisor, "/reports/caseload/", {}),
        (f"quarterly report (FY{last.fiscal_year} Q{last.quarter})", supervisor,
         "/reports/victim-services/", {"fiscal_year": last.fiscal_year, "quarter": last.quarter}),
        # The same, each time after a record changed: counted, not read from storage.
        ("quarterly report, after a change", supervisor, "/reports/victim-services/",
         {"fiscal_year": last.fiscal_year, "quarter": last.quarter, AFTER_A_CHANGE: "1"}),
        ("supervisor home (all clients)", supervisor, "/", {}),
        (f"client search, supervisor ({term!r})", supervisor, "/clients/", {"q": term}),
    ]  # fmt: skip


def keep_copy() -> str:
    """A copy of the database as it is now, for the rounds to come; its URL."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        copy = f"{name}.small"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [copy])
        return f"sqlite:///{copy}"
    copy = f"{name}_small"
    connection.close()  # a template database must have no one connected
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    return database_url(copy)


def drop_copy(url: str) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')


def measure(small_url: str, large_url: str, pages) -> tuple[list, list]:
    """One round: a fresh process on each database, asked the pages in turn, request by
    request (small, large, large, small, ...), so that a slow spell of the machine falls
    on both sizes alike. Per database, (times, queries) of each page."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    children = [
        subprocess.Popen(  # noqa: S603 # nosec B603
            [sys.executable, __file__, "--serve"],
            env={**env, "DATABASE_URL": url},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )  # fmt: skip
        for url in (small_url, large_url)
    ]
    try:
        for child in children:
            ask(child, {"pages": pages})  # signs in, asks each page once untimed
        results = [[([], 0) for _ in pages] for _ in children]
        for index in range(len(pages)):
            for run in range(max(1, RUNS // ROUNDS)):
                order = (0, 1) if run % 2 == 0 else (1, 0)
                for which in order:
                    ms, queries = ask(children[which], {"page": index})
                    times, _ = results[which][index]
                    times.append(ms)
                    results[which][index] = (times, queries)
        return results[0], results[1]
    finally:
        for child in children:
            child.stdin.close()
            child.wait(timeout=60)


def ask(child: subprocess.Popen, request: dict):
    child.stdin.write(json.dumps(request) + "\n")
    answer = child.stdout.readline()
    if not answer:
        raise RuntimeError(f"the measuring process stopped (exit code {child.wait()})")
    return json.loads(answer)


def serve_here() -> None:
    """The child of measure(): signs in, then times one page per line asked on stdin."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from crisis_center.models import User

    setup_test_environment()
    pages, clients = [], {}
    for line in sys.stdin:
        request = json.loads(line)
        if "pages" in request:
            pages = request["pages"]
            for _, username, path, params in pages:
                if username not in clients:
                    clients[username] = Client()
                    clients[username].force_login(User.objects.get(username=username))
                # One untimed request first: templates compiled, caches warm.
                plain = {k: v for k, v in params.items() if k != AFTER_A_CHANGE}
                clients[username].get(path, plain)
            answer = True
        else:
            _, username, path, params = pages[request["page"]]
            params = dict(params)
            if params.pop(AFTER_A_CHANGE, None):
                reports_out_of_date()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = clients[username].get(path, params)
                ms = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.status_code
            answer = (ms, len(ctx.captured_queries))
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def combine(rounds) -> list[tuple[float, float, int]]:
    """(median, p95, queries) per page over every round; -1 queries if rounds differ."""
    combined = []
    for per_page in zip(*rounds, strict=True):
        times = [t for page_times, _ in per_page for t in page_times]
        queries = {q for _, q in per_page}
        combined.append((*spread(times), queries.pop() if len(queries) == 1 else -1))
    return combined


def report(vendor: str, pages, small, large) -> None:
    head = f"{SMALL:,} clients"
    tail = f"{LARGE:,} clients"
    print(f"\nKey pages, {vendor}, {RUNS // ROUNDS * ROUNDS} runs each in {ROUNDS} rounds "
          f"(times in ms)")  # fmt: skip
    print(f"{'page':<38} | {head:^24} | {tail:^24} | {'ratio':>5} | same queries")
    print(f"{'':<38} | {'median':>8} {'p95':>7} {'queries':>7} | "
          f"{'median':>8} {'p95':>7} {'queries':>7} |       |")  # fmt: skip
    for (label, *_), (m1, p1, q1), (m2, p2, q2) in zip(pages, small, large, strict=True):
        print(f"{label:<38} | {m1:>8.1f} {p1:>7.1f} {q1:>7} | {m2:>8.1f} {p2:>7.1f} {q2:>7} | "
              f"{m2 / m1:>5.2f} | {'yes' if q1 == q2 != -1 else 'NO'}")  # fmt: skip


def served_peak_memory(pages, password: str) -> int:
    """Peak RSS in KiB of one gunicorn worker that served every page SERVED_RUNS times."""
    import psutil
    import requests

    with gunicorn(workers=1) as (base, server):
        for username in dict.fromkeys(username for _, username, _, _ in pages):
            session = sign_in(requests.Session(), base, username, password)
            for _, user, path, params in pages:
                if user != username:
                    continue
                for _ in range(SERVED_RUNS):
                    response = session.get(base + path, params=params, timeout=120)
                    response.raise_for_status()
        (worker,) = psutil.Process(server.pid).children()
        return peak_rss(worker.pid)


def sign_in(session, base: str, username: str, password: str):
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    )
    if "/accounts/login/" in response.url:
        raise RuntimeError(f"could not sign in as {username}")
    return session


def peak_rss(pid: int) -> int:
    """VmHWM of a process, in KiB: the most resident memory it ever held."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


if __name__ == "__main__":
    serve_here() if sys.argv[1:] == ["--serve"] else main()

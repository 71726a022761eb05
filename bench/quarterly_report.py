"""Benchmark: the quarterly victim-services report on 100,000 clients and 1,000,000
contacts (the last three years of a busy center).

    .venv/bin/python bench/quarterly_report.py            # a throwaway SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/quarterly_report.py
    BENCH_CLIENTS=10000 BENCH_CONTACTS=100000 ...        # a smaller run

Fills a fresh database with seed_scale's loader (intake/scale.py: multi-row inserts of
clients, contacts, advocacy and referrals, the service-ledger rows they would write,
races and victimization classifications), then asks the report page for the last
complete quarter as a supervisor, the coordinator's page and the CSV through Django's
test client, which runs the whole request, each time counted (as after a change to
any record), not read from the stored counts (intake/stored_reports.py). Prints the
median and 95th-percentile time, the SQL queries, and the peak Python memory of one
report.
"""

import os
import time
import tracemalloc

from common import last_quarter, reports_out_of_date, scratch_database, timed

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "100000"))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def main() -> None:
    with scratch_database() as vendor:
        from django.db import connection, transaction
        from django.test import Client

        from crisis_center.models import User
        from intake import scale
        from intake.reports import quarterly_report

        start = time.perf_counter()
        with transaction.atomic():
            scale.fill(CLIENTS, CONTACTS)
        # What a live database has after a load: planner statistics, and on PostgreSQL
        # the visibility map (index-only scans) that autovacuum keeps.
        scale.analyze()
        print(f"Filled {CLIENTS:,} clients, {CONTACTS:,} contacts in "
              f"{time.perf_counter() - start:.0f} s ({vendor})")  # fmt: skip
        quarter = last_quarter()
        period = {"fiscal_year": quarter.fiscal_year, "quarter": quarter.quarter}
        year = {"fiscal_year": quarter.fiscal_year, "quarter": 0}
        print(f"{'page':<32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  ({quarter.label})")
        for username, label, params in (
            ("scale-supervisor", "report (supervisor)", period),
            ("scale-coordinator", "report (coordinator, suppressed)", period),
            ("scale-supervisor", "CSV download", {**period, "format": "csv"}),
            ("scale-supervisor", "whole fiscal year", year),
        ):
            client = Client()
            client.force_login(User.objects.get(username=username))
            # Counted each time (as after any change), not the stored counts.
            median, p95, queries, _ = timed(
                client, "/reports/victim-services/", params, RUNS, reports_out_of_date
            )
            print(f"{label:<32} {median:>10.0f} {p95:>8.0f} {queries:>8}")
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            quarterly_report(quarter)
        print("Slowest queries of one report:")
        for query in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:4]:
            print(f"  {float(query['time']) * 1000:>6.0f} ms  {query['sql'][:110]}")
        tracemalloc.start()
        report = quarterly_report(quarter)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"Q{quarter.quarter}: {report.individuals:,} individuals, {report.new:,} new, "
              f"{report.anonymous_contacts:,} anonymous contacts; "
              f"peak Python memory of one report {peak / 1024:.0f} KiB")  # fmt: skip


if __name__ == "__main__":
    main()

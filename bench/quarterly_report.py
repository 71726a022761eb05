"""Benchmark: the quarterly victim-services report on 100,000 clients and 1,000,000
contacts (three fiscal years of a busy center).

    .venv/bin/python bench/quarterly_report.py            # a throwaway SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/quarterly_report.py
    BENCH_CLIENTS=10000 BENCH_CONTACTS=100000 ...        # a smaller run

Fills a fresh database with raw multi-row inserts (contacts, the service ledger rows
they would write, race and victimization classifications), then asks the report page
as a supervisor, the coordinator's page and the CSV through Django's test client, which
runs the whole request. Prints the median and 95th-percentile time, the SQL queries,
and the peak Python memory of one report.
"""

import json
import os
import random
import time
import tracemalloc
from datetime import datetime, timedelta

from common import scratch_database, timed

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "100000"))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BATCH = 20_000


def main() -> None:
    with scratch_database() as vendor:
        from django.db import connection
        from django.test import Client

        from crisis_center.models import User
        from intake.reports import Period, quarterly_report

        start = time.perf_counter()
        fill()
        with connection.cursor() as cursor:
            # What a live database has after a load: planner statistics, and on
            # PostgreSQL the visibility map (index-only scans) that autovacuum keeps.
            cursor.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")
        print(f"Filled {CLIENTS:,} clients, {CONTACTS:,} contacts in "
              f"{time.perf_counter() - start:.0f} s ({vendor})")  # fmt: skip
        period = {"fiscal_year": 2026, "quarter": 2}
        print(f"{'page':<32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for username, label, params in (
            ("bench-supervisor", "report (supervisor)", period),
            ("bench-coordinator", "report (coordinator, suppressed)", period),
            ("bench-supervisor", "CSV download", {**period, "format": "csv"}),
            ("bench-supervisor", "whole fiscal year", {"fiscal_year": 2026, "quarter": 0}),
        ):
            client = Client()
            client.force_login(User.objects.get(username=username))
            median, p95, queries, _ = timed(client, "/reports/victim-services/", params, RUNS)
            print(f"{label:<32} {median:>10.0f} {p95:>8.0f} {queries:>8}")
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            quarterly_report(Period(2026, 2))
        print("Slowest queries of one report:")
        for query in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:4]:
            print(f"  {float(query['time']) * 1000:>6.0f} ms  {query['sql'][:110]}")
        tracemalloc.start()
        report = quarterly_report(Period(2026, 2))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"Q2: {report.individuals:,} individuals, {report.new:,} new, "
              f"{report.anonymous_contacts:,} anonymous contacts; "
              f"peak Python memory of one report {peak / 1024:.0f} KiB")  # fmt: skip


def _insert(model, columns: list[str], rows) -> None:
    """Multi-row INSERTs in batches: the fastest portable way to load millions of rows."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    batch: list = []

    def flush() -> None:
        if batch:
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
            with connection.cursor() as cursor:
                # Names come from the model, values are parameters.
                sql = f"INSERT INTO {table} ({names}) VALUES {values}"  # noqa: S608 # nosec B608
                cursor.execute(sql, [value for row in batch for value in row])
            batch.clear()

    def adapt(value):
        # What the ORM does for each backend (SQLite stores datetimes as UTC text).
        if isinstance(value, datetime):
            return connection.ops.adapt_datetimefield_value(value)
        return value

    per_statement = max(1, 900 // len(columns))  # SQLite allows 999 parameters at most
    for row in rows:
        batch.append([adapt(value) for value in row])
        if len(batch) >= per_statement:
            flush()
    flush()


def fill() -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from crisis_center.models import TrainingRecord, User
    from intake.choices import AgeRange, GenderIdentity, ServiceCode
    from intake.models import (
        Classification,
        Client,
        ClientClassification,
        CrisisContact,
        ServiceDelivery,
    )
    from intake.service_ledger import contact_defaults

    rng = random.Random(6)
    advocate = User.objects.create_user("bench-advocate", role="advocate")
    User.objects.create_user("bench-supervisor", role="supervisor")
    User.objects.create_user("bench-coordinator", role="coordinator")
    TrainingRecord.objects.create(
        staff=advocate, topic="crisis_intervention", hours=40, completed_on=timezone.localdate()
    )
    tz = timezone.get_current_timezone()
    first = datetime(2023, 10, 1, tzinfo=tz)  # FY 2024 to FY 2026
    span = (datetime(2026, 9, 30, tzinfo=tz) - first).total_seconds()
    now = timezone.now()
    genders = list(GenderIdentity.values)
    ages = list(AgeRange.values)
    classes = {
        kind: list(Classification.objects.filter(kind=kind).values_list("pk", flat=True))
        for kind in ("race", "victimization", "special")
    }
    with transaction.atomic():
        _insert(
            Client,
            ["pseudonym", "legal_name", "pronouns", "age_range", "languages",
             "interpreter_needed", "phone", "email", "mailing_address", "safe_to_call",
             "safe_to_text", "safe_to_voicemail", "safe_to_mail", "safe_times", "code_word",
             "gender", "gender_in_own_words", "victimization_other",
             "special_classification_other", "referral_source", "referral_source_detail",
             "status", "created_by_id", "created_at", "updated_at", "date_of_birth"],
            (
                (f"Client {i}", "", "", rng.choice(ages), "", False, "", "", "", "not_asked",
                 "not_asked", "not_asked", "not_asked", "", "", rng.choice(genders), "", "", "",
                 "not_asked", "", "active", advocate.pk, now, now,
                 datetime(1960 + rng.randint(0, 50), rng.randint(1, 12), rng.randint(1, 28)).date()
                 if rng.random() < 0.3 else None)
                for i in range(CLIENTS)
            ),
        )  # fmt: skip
        ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
        links = []
        for pk in ids:
            for kind, most in (("race", 2), ("victimization", 3), ("special", 1)):
                for choice in rng.sample(classes[kind], rng.randint(0, most)):
                    links.append((pk, choice, advocate.pk, now, now))
        _insert(ClientClassification,
                ["client_id", "classification_id", "created_by_id", "created_at", "updated_at"],
                links)  # fmt: skip
        del links
        contact_type = ContentType.objects.get_for_model(CrisisContact)
        channels = ["hotline_call"] * 6 + ["text_chat", "walk_in", "hospital", "outreach"]
        services = [["crisis_intervention"], ["crisis_intervention", "information_referral"],
                    ["advocacy"], ["safety_planning"], []]  # fmt: skip
        done = 0
        while done < CONTACTS:
            size = min(BATCH, CONTACTS - done)
            batch = []
            for _ in range(size):
                contact = CrisisContact(
                    channel=rng.choice(channels),
                    started_at=first + timedelta(seconds=rng.random() * span),
                    client_id=rng.choice(ids) if rng.random() < 0.9 else None,
                    services=rng.choice(services),
                    interpreter_used=rng.random() < 0.05,
                )
                batch.append(contact)
            _insert(
                CrisisContact,
                ["channel", "started_at", "advocate_id", "caller_relation", "client_id",
                 "language", "interpreter_used", "needs", "services", "service_codes", "note",
                 "created_at", "updated_at"],
                ((c.channel, c.started_at, advocate.pk, "survivor", c.client_id, "",
                  c.interpreter_used, "[]", json.dumps(c.services), "[]", "", now, now)
                 for c in batch),
            )  # fmt: skip
            last = CrisisContact.objects.order_by("-pk").values_list("pk", flat=True)[:size]
            pks = sorted(last)
            ledger = []
            for pk, contact in zip(pks, batch, strict=True):
                day = timezone.localdate(contact.started_at)
                for code in contact_defaults(contact):
                    ledger.append((contact.client_id, pk, day, code,
                                   ServiceCode(code).category, contact_type.pk, pk))  # fmt: skip
            _insert(ServiceDelivery,
                    ["client_id", "contact_id", "on", "code", "category", "source_type_id",
                     "source_id"], ledger)  # fmt: skip
            done += size


if __name__ == "__main__":
    main()

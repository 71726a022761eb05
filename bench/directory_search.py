"""Benchmark: the referral directory search with 500 agencies and 5,000 resources.

    .venv/bin/python bench/directory_search.py            # a throwaway SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/directory_search.py

Fills a fresh database (migrations, then bulk inserts), signs in an advocate and asks
the directory page through Django's test client, which runs the whole request: URL
routing, middleware, the view, the queries and the template. Prints, per search, the
median and 95th-percentile time over the runs and the number of SQL queries.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
AGENCIES, RESOURCES = 500, 5000


def main() -> None:
    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # allows the test client's host and keeps mail in memory
    using_postgres = connection.vendor == "postgresql"
    if using_postgres:  # a scratch database next to the one named, dropped afterwards
        from django.test.utils import setup_databases, teardown_databases

        old = setup_databases(verbosity=0, interactive=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        fill()
        client = Client()
        from crisis_center.models import User

        client.force_login(User.objects.get(username="bench-advocate"))
        searches = {
            "no filter": {},
            "free text": {"q": "legal"},
            "category": {"category": "emergency_housing"},
            "language + no ID": {"language": "spanish", "no_id": "on"},
            "open now": {"open_now": "on"},
            "all filters": {
                "q": "clinic",
                "category": "health",
                "language": "english",
                "no_id": "on",
                "open_now": "on",
                "trafficking": "on",
            },
        }
        print(f"Directory search, {AGENCIES} agencies, {RESOURCES} resources, {connection.vendor}")
        print(f"{'search':<18} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'results':>8}")
        for name, params in searches.items():
            times, queries, results = [], 0, 0
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = client.get("/directory/", params)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
                queries = len(ctx.captured_queries)
                results = response.context["page"].paginator.count
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            median = statistics.median(times)
            print(f"{name:<18} {median:>10.1f} {p95:>8.1f} {queries:>8} {results:>8}")
    finally:
        if using_postgres:
            teardown_databases(old, verbosity=0)
        scratch.cleanup()


def fill() -> None:
    from datetime import time as clock

    from django.utils import timezone

    from crisis_center.models import TrainingRecord, User
    from referrals.choices import AgencyKind, Category, HowToRefer
    from referrals.models import Agency, Resource

    rng = random.Random(8)
    advocate = User.objects.create_user("bench-advocate", role="advocate")
    TrainingRecord.objects.create(
        staff=advocate, topic="crisis_intervention", hours=40, completed_on=timezone.localdate()
    )
    words = ["Harbor", "Eastside", "Hope", "Unity", "Riverside", "Bridge", "Sunrise", "Cedar"]
    services = ["clinic", "shelter", "legal aid", "counseling", "food pantry", "ESL class"]
    Agency.objects.bulk_create(
        Agency(name=f"{rng.choice(words)} {kind.label} {i}", kind=kind)
        for i in range(AGENCIES)
        for kind in [rng.choice(list(AgencyKind))]
    )
    agencies = list(Agency.objects.all())
    languages = ["English", "English, Spanish", "Spanish", "English, Vietnamese", "Arabic"]
    today = timezone.localdate()
    Resource.objects.bulk_create(
        [
            Resource(
                agency=rng.choice(agencies),
                name=f"{rng.choice(words)} {rng.choice(services)} {i}",
                category=rng.choice(list(Category)),
                description=f"Free {rng.choice(services)} for survivors; call first.",
                languages=rng.choice(languages),
                id_required=rng.random() < 0.3,
                accepts_trafficking_survivors=rng.random() < 0.9,
                how_to_refer=rng.choice(list(HowToRefer)),
                open_24_7=rng.random() < 0.1,
                days="01234",
                opens_at=clock(8 + rng.randint(0, 2)),
                closes_at=clock(16 + rng.randint(0, 4)),
                last_verified=today,
            )
            for i in range(RESOURCES)
        ],
        batch_size=1000,
    )


if __name__ == "__main__":
    main()

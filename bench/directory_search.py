"""Benchmark: the referral directory search with 500 agencies and 5,000 resources.

    .venv/bin/python bench/directory_search.py            # a throwaway SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/directory_search.py

Fills a fresh database (migrations, then the directory seed_scale loads, from
referrals/scale.py), signs in an advocate and asks the directory page through Django's
test client, which runs the whole request: URL routing, middleware, the view, the
queries and the template. Prints, per search, the
median and 95th-percentile time over the runs and the number of SQL queries.
"""

import random

from common import RUNS, scratch_database, timed


def main() -> None:
    with scratch_database() as vendor:
        from django.test import Client

        from crisis_center.models import User
        from referrals.scale import AGENCIES, RESOURCES

        fill()
        client = Client()
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
        print(f"Directory search, {AGENCIES} agencies, {RESOURCES} resources, {vendor}")
        print(f"{'search':<18} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'results':>8}")
        for name, params in searches.items():
            median, p95, queries, response = timed(client, "/directory/", params, RUNS)
            results = response.context["page"].paginator.count
            print(f"{name:<18} {median:>10.1f} {p95:>8.1f} {queries:>8} {results:>8}")


def fill() -> None:
    from django.utils import timezone

    from crisis_center.models import TrainingRecord, User
    from referrals.scale import directory

    advocate = User.objects.create_user("bench-advocate", role="advocate")
    TrainingRecord.objects.create(
        staff=advocate, topic="crisis_intervention", hours=40, completed_on=timezone.localdate()
    )
    directory(random.Random(8))


if __name__ == "__main__":
    main()

"""Benchmark: the referral directory search with 500 agencies and 5,000 resources.

    .venv/bin/python bench/directory_search.py            # a throwaway SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/directory_search.py

Fills a fresh database (migrations, then bulk inserts), signs in an advocate and asks
the directory page through Django's test client, which runs the whole request: URL
routing, middleware, the view, the queries and the template. Prints, per search, the
median and 95th-percentile time over the runs and the number of SQL queries.
"""

import random

from common import RUNS, scratch_database, timed

AGENCIES, RESOURCES = 500, 5000


def main() -> None:
    with scratch_database() as vendor:
        from django.test import Client

        from crisis_center.models import User

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

"""Fill a database with a large synthetic center, for benchmarks and load tests.

Every name is invented; see intake/scale.py for what a run adds.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from intake import scale
from intake.models import Client


class Command(BaseCommand):
    help = (
        "Add N synthetic clients and M crisis contacts, with staff (scale-advocate-1 ..., "
        "scale-supervisor, scale-coordinator), care teams, screenings, advocacy, "
        "referrals, a 500-agency directory, service-ledger and access-log rows, in bulk "
        "INSERTs; then ANALYZE (VACUUM ANALYZE on PostgreSQL). Refuses a database that "
        "already has clients unless --append, which adds to it: new staff continue the "
        "numbering, earlier files and caseloads stay. Never on a real center's database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clients", type=int, default=1000, help="clients to add")
        parser.add_argument("--contacts", type=int, default=None,
                            help="crisis contacts to add (default: 10 per client)")  # fmt: skip
        parser.add_argument(
            "--password",
            help="a password for every scale-* login, for load tests that sign in "
            "through the login page (default: unusable passwords, force_login only)",
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="add to a database that already has clients",
        )

    def handle(self, *args, **options) -> None:
        clients = options["clients"]
        contacts = options["contacts"] if options["contacts"] is not None else 10 * clients
        if clients < 0 or contacts < 0:
            raise CommandError("Give counts of zero or more.")
        if not options["append"] and Client.objects.exists():
            raise CommandError(
                "This database already has clients. Use an empty one, or --append to add "
                "synthetic clients to it (never on a real center's database)."
            )
        start = time.perf_counter()
        with transaction.atomic():
            counts = scale.fill(clients, contacts, password=options["password"])
        loaded = time.perf_counter() - start
        scale.analyze()
        for table, n in sorted(counts.items()):
            self.stdout.write(f"{n:>12,}  {table}")
        self.stdout.write(
            f"Loaded in {loaded:.0f} s, analyzed in {time.perf_counter() - start - loaded:.0f} s "
            f"({connection.vendor})."
        )

"""After purges, clear what the database still keeps of the rows they replaced (rule 9)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from intake import purge


class Command(BaseCommand):
    help = (
        "PostgreSQL: VACUUM every table a purge writes, so that the row versions it "
        "replaced leave the data files (autovacuum waits until a fifth of a table has "
        "changed). SQLite: empty the write-ahead log, as each purge does when no reader "
        "holds it. Names no client; safe to run while staff work."
    )

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            if not purge.empty_write_ahead_log():
                raise CommandError("A reader held the write-ahead log; run this again.")
            self.stdout.write("The write-ahead log is empty.")
            return
        tables = purge.touched_tables()
        with connection.cursor() as cursor:
            for table in tables:  # VACUUM runs outside a transaction, one table at a time
                cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")
        self.stdout.write(f"{len(tables)} tables vacuumed.")

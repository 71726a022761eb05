"""List closed clients past the retention period, for a supervisor to purge (rule 9)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from intake.purge import retention_due


class Command(BaseCommand):
    help = "List closed client files past CLIENT_RETENTION_YEARS (ids and dates, no names)."

    def handle(self, *args, **options) -> None:
        due = retention_due()
        for client in due.iterator():
            self.stdout.write(f"client {client.pk}\tlast changed {client.updated_at:%Y-%m-%d}")
        years = settings.CLIENT_RETENTION_YEARS
        self.stdout.write(f"{due.count()} closed client file(s) older than {years} years.")

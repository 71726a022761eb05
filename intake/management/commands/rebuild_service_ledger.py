"""Rewrite the service ledger from the records (after a bulk load or an upgrade)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from intake import service_ledger


class Command(BaseCommand):
    help = "Rewrite the funder service ledger from every logged service."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        count = service_ledger.rebuild()
        self.stdout.write(f"{count} service rows written.")

"""Rebuild the dashboard's running counts from the records, or check them (nightly)."""

from django.core.management.base import BaseCommand, CommandError

from intake import counts


class Command(BaseCommand):
    help = (
        "Count again, from the records, every running count the caseload dashboard reads "
        "(intake/counts.py) and replace them, in one transaction. With --check, compare "
        "without writing: lists every count that differs and exits non-zero if any does."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="compare only; exit 1 if any count differs"
        )

    def handle(self, *args, **options) -> None:
        if not options["check"]:
            self.stdout.write(f"{counts.rebuild()} counts kept.")
            return
        wrong = counts.differences()
        for key, kept, counted in wrong:
            self.stdout.write(f"{_describe(key)}: kept {kept}, counted {counted}")
        if wrong:
            raise CommandError(f"{len(wrong)} counts differ from the records; run `recount`.")
        self.stdout.write("Every count agrees with the records.")


def _describe(key: counts.Key) -> str:
    # Names and days, staff ids: nothing that names a client.
    if isinstance(key, counts.Staff):
        return f"active clients of staff {key.staff_id}"
    return key.name if key.day == counts.NO_DAY else f"{key.name} on {key.day:%Y-%m-%d}"

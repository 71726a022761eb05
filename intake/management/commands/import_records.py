"""Bring a center's open files in from another system (intake/imports.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crisis_center import permissions
from crisis_center.models import User
from intake import imports


class Command(BaseCommand):
    help = (
        "Import clients, their contacts and their services from CSV files exported by "
        "another system, checked row by row through the forms staff use: all of it, or "
        "nothing and every problem named. Rows imported before are skipped. "
        "--template DIR writes the three files' header rows; --columns lists every "
        "column with the values allowed. A field the center does not collect (Center "
        "settings) has no column: a file that still has one is refused, naming it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", help='the system the files come from, e.g. "Old system"')
        for file in imports.FILES:
            parser.add_argument(f"--{file}", type=Path, help=f"{file}.csv")
        parser.add_argument("--as", dest="username", help="the supervisor importing them")
        parser.add_argument("--dry-run", action="store_true", help="check only: save nothing")
        parser.add_argument("--template", type=Path, metavar="DIR", help="write empty files")
        parser.add_argument("--columns", action="store_true", help="list the columns")

    def handle(self, *args, **options) -> None:
        if options["template"]:
            self._templates(options["template"])
            return
        if options["columns"]:
            self._columns()
            return
        if not options["source"] or not options["username"]:
            raise CommandError("Give --source and --as (or --template DIR, or --columns).")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No staff member has the username {options['username']!r}.")
        if not permissions.can(user, "import_records"):
            raise CommandError(
                f"{user.username} may not import records: a supervisor with the 40-hour "
                "training does."
            )
        files = {f: self._read(options[f]) for f in imports.FILES if options[f]}
        outcome = imports.run(
            source=options["source"], files=files, by=user, dry_run=options["dry_run"]
        )
        for line in [*outcome.problems, *outcome.lines()]:
            self.stdout.write(line)
        if outcome.problems:
            raise CommandError("Nothing was imported.")

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            if refused := imports.too_large(str(path), path.stat().st_size):
                raise CommandError(refused)
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path} can't be read: {error.strerror}.") from None

    def _templates(self, folder: Path) -> None:
        for file in imports.FILES:
            path = folder / f"{file}.csv"
            try:
                with path.open("x", encoding="utf-8", newline="") as out:
                    out.write(imports.header(file))
            except OSError as error:
                raise CommandError(f"{path} not written: {error.strerror}.") from None
            self.stdout.write(f"Wrote {path}")

    def _columns(self) -> None:
        for file, columns in imports.reference().items():
            self.stdout.write(f"{file}.csv")
            for column in columns:
                notes = [column.text]
                if column.several:
                    notes.append(f"several, separated by {imports.SEPARATOR!r}")
                if column.required:
                    notes.append("needed")
                elif column.default:
                    notes.append(f"empty: {column.default}")
                self.stdout.write(f"  {column.name}: {'; '.join(notes)}.")
                if column.allowed:
                    self.stdout.write(f"    one of: {', '.join(column.allowed)}")

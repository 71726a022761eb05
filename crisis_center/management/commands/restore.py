"""Restore an archive written by `manage.py backup` into an empty database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from crisis_center import backups


class Command(BaseCommand):
    help = (
        "Restore the database and the documents from an archive of `manage.py backup`. "
        "The whole archive is checked first; the target database must be empty."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace a database (and documents folder) that already holds data.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="With --replace, do not ask for confirmation.",
        )

    def handle(self, *args, archive: Path, replace: bool, interactive: bool, **options):
        try:
            key = backups.load_key(settings.BACKUP_KEY)
            backups.check_key(archive, key)
            self._refuse_unless_empty_or_replaced(replace, interactive)
            restored = backups.restore(archive, key)
        except backups.DocumentsNotRestored as error:
            raise CommandError(str(error)) from None
        except backups.BackupError as error:
            raise CommandError(f"{error} Nothing was restored.") from None
        except OSError as error:  # a full disk, say, while the archive is unpacked
            raise CommandError(f"Restore failed: {error.strerror}. Nothing was restored.") from None
        self.stdout.write(
            f"Restored {archive.name} (made {restored['created']}): the {restored['vendor']} "
            f"database and {restored['documents']} document(s)."
        )
        if restored["migrations_behind"]:
            self.stdout.write(
                f"The archive predates {restored['migrations_behind']} migration(s) of this "
                "code: run `manage.py migrate` now."
            )

    def _refuse_unless_empty_or_replaced(self, replace: bool, interactive: bool) -> None:
        table = backups.target_data_table()
        documents = backups.documents_present()
        if table is None and not documents:
            return
        where = (
            f"the database already holds data (table {table})"
            if table
            else f"{settings.PRIVATE_MEDIA_ROOT} already holds documents"
        )
        if not replace:
            raise backups.BackupError(
                f"The target is not empty: {where}. Restore into an empty database, or pass "
                "--replace to overwrite everything in it."
            )
        if interactive:
            name = connection.settings_dict["NAME"]
            answer = input(
                f"Every row of the database {name} and every document in "
                f"{settings.PRIVATE_MEDIA_ROOT} will be replaced by the archive's. "
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")

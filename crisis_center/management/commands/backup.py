"""One encrypted archive of the database and the uploaded documents; old ones pruned."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from crisis_center import backups


def size(count: float) -> str:
    """A file size for people: 512 bytes, 1.4 MB."""
    if count < 1000:
        return f"{count:.0f} bytes"
    for unit in ("KB", "MB"):
        count /= 1000
        if count < 1000:
            return f"{count:.1f} {unit}"
    return f"{count / 1000:.1f} GB"


class Command(BaseCommand):
    help = (
        "Write an encrypted archive of the database and PRIVATE_MEDIA_ROOT to BACKUP_DIR "
        "(key: BACKUP_KEY), then delete archives older than BACKUP_RETENTION_DAYS."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", type=Path, help="Write the archive here instead of into BACKUP_DIR."
        )
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="Print a fresh random key for BACKUP_KEY and do nothing else.",
        )

    def handle(self, *args, output: Path | None = None, generate_key: bool = False, **options):
        if generate_key:
            self.stdout.write(backups.generate_key())
            return
        try:
            key = backups.load_key(settings.BACKUP_KEY)
            written = backups.backup(key, output)
        except backups.BackupError as error:
            raise CommandError(f"{error} No archive was written.") from None
        except OSError as error:
            reason = error.strerror or error  # tarfile says "unexpected end of data"
            raise CommandError(f"Backup failed: {reason}. No archive was written.") from None
        self.stdout.write(
            f"Wrote {written['path']} ({size(written['size'])}: the database, "
            f"{size(written['database_size'])}, and {written['documents']} document(s), "
            f"{size(written['documents_size'])})."
        )
        for name, bytes_ in backups.prune(keep=written["path"]):
            self.stdout.write(
                f"Deleted {name} ({size(bytes_)}): older than "
                f"{settings.BACKUP_RETENTION_DAYS} days."
            )

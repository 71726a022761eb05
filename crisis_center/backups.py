"""Encrypted backups of the database and the uploaded documents, and their restore.

An archive is one file, format version 1:

    header  b"CCBACKUP", version (1 byte), part size (4 bytes), salt (16 bytes), nonce
            prefix (8 bytes), key check (32 bytes: HMAC-SHA256 of a fixed label under a
            subkey of BACKUP_KEY, so that a wrong key is told apart from a damaged file)
    parts   the payload cut into parts of `part size` bytes, each sealed with AES-256-GCM
            under a key derived (HKDF-SHA256) from BACKUP_KEY and the salt. Nonce: the
            prefix and the part's number. Associated data: the whole header, the part's
            number and a last-part flag, so a part altered, moved, dropped or added, a
            header changed, or a file cut short (no last part at its end) fails its check.

The payload is a tar: the database (`database.sqlite3` from SQLite's online backup API,
or `database.pgdump` from pg_dump's custom format), `documents/...` (everything under
PRIVATE_MEDIA_ROOT), and last `manifest.json`: format, vendor, creation time, the applied
migrations, and the size and sha256 of every other member.

Everything streams through the file system: nothing holds the database in memory. The
plain copies a backup or a restore needs while it runs live in a private (0700) folder
that is removed in every case. Messages name files and sizes, never what they hold.
"""

import base64
import binascii
import fcntl
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import struct
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

MAGIC = b"CCBACKUP"
FORMAT = 1
PART_SIZE = 1024 * 1024
HEADER = struct.Struct(">8sBI16s8s32s")  # magic, version, part size, salt, prefix, check
TAG_SIZE = 16
KEY_CHECK_LABEL = b"crisis-center backup key check"
ENCRYPTION_INFO = b"crisis-center backup v1 encryption"
CHECK_INFO = b"crisis-center backup v1 key check"

# crisis-center-20261124T031500Z.backup, with -2, -3... if one already has that second.
ARCHIVE_NAME = re.compile(r"crisis-center-(\d{8}T\d{6}Z)(?:-\d+)?\.backup")
WORK_PREFIX = ".crisis-center-work-"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DOCUMENTS = "documents"
MANIFEST = "manifest.json"
TRUNCATED = "The archive is truncated: it ends before its last part."
# Models whose tables `migrate` fills by itself: a freshly migrated database has rows in
# these only. An app whose data migration fills a table adds it in AppConfig.ready().
FILLED_BY_MIGRATE = {"contenttypes.ContentType", "auth.Permission"}


class BackupError(Exception):
    """A failure whose message is safe to show: it names files and sizes, never data."""


class DocumentsNotRestored(BackupError):
    """The database was restored; the documents could not be put in place."""


# The key


def generate_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def load_key(value: str) -> bytes:
    """BACKUP_KEY as 32 bytes. The message on failure never repeats the value."""
    if not value:
        raise BackupError(
            "BACKUP_KEY is not set. Make one with `manage.py backup --generate-key` and keep "
            "it somewhere other than the archives."
        )
    try:
        key = base64.b64decode(value.strip(), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise BackupError(
            "BACKUP_KEY is malformed: it must be 32 random bytes in urlsafe base64 "
            "(44 characters), as `manage.py backup --generate-key` prints."
        )
    return key


def _subkey(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _key_check(key: bytes) -> bytes:
    # No salt: the same key always gives the same check, so a damaged salt reads as damage.
    return hmac.new(_subkey(key, None, CHECK_INFO), KEY_CHECK_LABEL, hashlib.sha256).digest()


# The sealed stream


class _Sealer:
    """A write-only file object that seals what it is given into parts (see the top)."""

    def __init__(self, out: BinaryIO, key: bytes) -> None:
        salt, self.prefix = secrets.token_bytes(16), secrets.token_bytes(8)
        self.header = HEADER.pack(MAGIC, FORMAT, PART_SIZE, salt, self.prefix, _key_check(key))
        self.aead = AESGCM(_subkey(key, salt, ENCRYPTION_INFO))
        self.out = out
        self.buffer = bytearray()
        self.index = 0
        out.write(self.header)

    def write(self, data: bytes) -> int:
        self.buffer += data
        # Hold back a full part until more follows: only then is it known not to be last.
        while len(self.buffer) > PART_SIZE:
            self._seal(bytes(self.buffer[:PART_SIZE]), last=False)
            del self.buffer[:PART_SIZE]
        return len(data)

    def finish(self) -> None:
        self._seal(bytes(self.buffer), last=True)
        self.buffer.clear()

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce, associated = _nonce_and_data(self.header, self.prefix, self.index, last)
        self.out.write(self.aead.encrypt(nonce, plain, associated))
        self.index += 1


def _nonce_and_data(header: bytes, prefix: bytes, index: int, last: bool) -> tuple[bytes, bytes]:
    if index >= 2**32:
        raise BackupError("The archive is too large for format version 1.")
    return prefix + struct.pack(">I", index), header + struct.pack(">QB", index, last)


class _Opener:
    """A read-only file object over a sealed file's parts, each checked before use."""

    def __init__(self, source: BinaryIO, key: bytes) -> None:
        self.header, part_size, salt, self.prefix = read_header(source, key)
        self.aead = AESGCM(_subkey(key, salt, ENCRYPTION_INFO))
        self.source, self.sealed_size = source, part_size + TAG_SIZE
        self.ahead = source.read(self.sealed_size)
        self.index = 0
        self.plain, self.offset = memoryview(b""), 0
        self.done = False

    def read(self, size: int = -1) -> bytes:
        pieces, wanted = [], sys.maxsize if size < 0 else size
        while wanted > 0:
            if self.offset == len(self.plain):
                if self.done:
                    break
                self.plain, self.offset = memoryview(self._open_next()), 0
                continue
            piece = self.plain[self.offset : self.offset + wanted]
            self.offset += len(piece)
            wanted -= len(piece)
            pieces.append(piece)
        return b"".join(pieces)

    def drain(self) -> None:
        """Read (and so check) every part to the end, the last-part flag included."""
        while self.read(PART_SIZE):
            pass

    def _open_next(self) -> bytes:
        sealed, self.ahead = self.ahead, self.source.read(self.sealed_size)
        last = not self.ahead  # the part at the end of the file must say it is the last
        plain = self._open(sealed, last)
        if plain is None:
            if len(sealed) < TAG_SIZE or (last and self._open(sealed, False) is not None):
                raise BackupError(TRUNCATED)
            raise BackupError(
                "The archive is damaged, cut short or has been tampered with: "
                f"part {self.index + 1} fails its integrity check."
            )
        self.index += 1
        self.done = last
        return plain

    def _open(self, sealed: bytes, last: bool) -> bytes | None:
        """The part's plain text, or None if it fails its check."""
        nonce, associated = _nonce_and_data(self.header, self.prefix, self.index, last)
        try:
            return self.aead.decrypt(nonce, sealed, associated)
        except InvalidTag:
            return None


def read_header(source: BinaryIO, key: bytes) -> tuple[bytes, int, bytes, bytes]:
    """Check the header and the key; (header, part size, salt, nonce prefix)."""
    header = source.read(HEADER.size)
    if len(header) < HEADER.size or not header.startswith(MAGIC):
        if MAGIC.startswith(header[: len(MAGIC)]) and header:
            raise BackupError("The archive is truncated: it ends inside its header.")
        raise BackupError("This file is not a crisis center backup archive.")
    _, version, part_size, salt, prefix, check = HEADER.unpack(header)
    if version != FORMAT:
        raise BackupError(
            f"This archive is in format version {version}; this code reads version {FORMAT}."
        )
    if not hmac.compare_digest(check, _key_check(key)):
        raise BackupError("This archive was made with a different BACKUP_KEY.")
    if not 4096 <= part_size <= 64 * PART_SIZE:
        raise BackupError("The archive's header is damaged (impossible part size).")
    return header, part_size, salt, prefix


def check_key(archive: Path, key: bytes) -> None:
    """Fail fast on a file that is no archive, or an archive made with another key."""
    with _open_archive(archive) as source:
        read_header(source, key)


def _open_archive(archive: Path) -> BinaryIO:
    try:
        return open(archive, "rb")  # noqa: SIM115 (the caller closes it)
    except OSError as error:
        raise BackupError(f"Cannot read {archive}: {error.strerror}.") from None


# Backing up


def archive_path(directory: Path, now: datetime) -> Path:
    """A fresh archive name in `directory` (the name holds the time, for pruning)."""
    stem = f"crisis-center-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    path, number = directory / f"{stem}.backup", 1
    while path.exists():
        number += 1
        path = directory / f"{stem}-{number}.backup"
    return path


def backup(key: bytes, output: Path | None = None) -> dict:
    """Write one sealed archive; return what it holds (sizes and counts, no names).

    The plain copy of the database is made in a private folder under BACKUP_WORK_DIR on
    the server's own disk; only sealed bytes are ever written where the archive goes."""
    now = datetime.now(UTC)
    directory = Path(settings.BACKUP_DIR)
    if output is None:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        output = archive_path(directory, now)
    output = Path(output).absolute()
    if output.exists():
        raise BackupError(f"{output} already exists; refusing to overwrite it.")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a folder.")
    work_root = Path(settings.BACKUP_WORK_DIR)
    work_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _work_folder(work_root) as work, _claimed(output.parent, ".partial") as partial:
        with open(partial, "wb") as out:
            summary = _write_payload(out, key, work, now)
            out.flush()
            os.fsync(out.fileno())
        try:
            # A hard link publishes the finished file at once and never replaces another.
            os.link(partial, output)
        except FileExistsError:
            raise BackupError(f"{output} already exists; refusing to overwrite it.") from None
    _sync_folder(output.parent)
    return summary | {"path": output, "size": output.stat().st_size}


def _write_payload(out: BinaryIO, key: bytes, work: Path, now: datetime) -> dict:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    database = work / DATABASE_MEMBERS[vendor]
    migrations = sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )
    if vendor == "sqlite":
        _dump_sqlite(database)
    else:
        _dump_postgresql(database)
    members: dict[str, dict] = {}
    sealer = _Sealer(out, key)
    with tarfile.open(fileobj=sealer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        members[database.name] = _add(tar, database.name, database)
        database.unlink()  # the plain copy goes as soon as it is sealed
        documents = 0
        for path, name in _documents(Path(settings.PRIVATE_MEDIA_ROOT)):
            try:
                members[name] = _add(tar, name, path)
            except FileNotFoundError:  # deleted since the walk: it is gone, not lost
                continue
            documents += 1
        manifest = {
            "format": FORMAT,
            "vendor": vendor,
            "created": now.isoformat(timespec="seconds"),
            "migrations": migrations,
            "database": database.name,
            "members": members,
        }
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
        tar.addfile(info, _Hashing(io.BytesIO(data)))
    sealer.finish()
    document_bytes = sum(m["size"] for n, m in members.items() if n != database.name)
    return {
        "database_size": members[database.name]["size"],
        "documents": documents,
        "documents_size": document_bytes,
    }


def _dump_sqlite(target: Path) -> None:
    """SQLite's online backup API. One step copies every page in one read transaction: a
    consistent snapshot of what is committed, and in WAL mode writers go on meanwhile."""
    if connection.is_in_memory_db():  # a new connection would see an empty database
        raise BackupError("The database is in memory: there is nothing on disk to back up.")
    # A connection of its own: it reads what is committed, whatever the app's is doing.
    source = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    except sqlite3.Error as error:  # a full disk: "database or disk is full"
        raise BackupError(
            f"Backup failed: the copy of the database could not be written ({error})."
        ) from None
    finally:
        copy.close()
        source.close()


def _dump_postgresql(target: Path) -> None:
    """pg_dump's custom format; pg_dump reads everything in one snapshot."""
    _run_pg("pg_dump", "--format=custom", f"--file={target}")


def _pg_command(program: str, *arguments: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment for a PostgreSQL client tool. The password goes
    in PGPASSWORD (Django's dbshell does the same), never on the command line."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (the PostgreSQL client tools).")
    config = connection.settings_dict
    _, env = DatabaseClient.settings_to_cmd_args_env(config, [])
    command = [executable, "--no-password"]
    for flag, setting in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(setting):
            command.append(f"{flag}={config[setting]}")
    if config.get("NAME"):
        command.append(f"--dbname={config['NAME']}")
    return [*command, *arguments], {**os.environ, **(env or {})}


def _run_pg(program: str, *arguments: str) -> None:
    command, env = _pg_command(program, *arguments)
    result = subprocess.run(  # noqa: S603 (a PostgreSQL tool, our own arguments, no shell)
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{program} failed (exit status {result.returncode}). {_first_error(result.stderr)}"
        )


def _first_error(stderr: str) -> str:
    """The tool's first error line with every quoted value blanked: a COPY or constraint
    error can quote a row, and this message is printed and may be logged."""
    for line in stderr.splitlines():
        if "error:" in line:
            line = re.sub(r'"[^"]*"', '"…"', line)
            line = re.sub(r"\([^)]*\)=\([^)]*\)", "(…)=(…)", line)
            return line.strip()[:300]
    return ""


def _documents(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under the documents folder, with its name in the archive."""
    if not root.is_dir():
        return
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for file in sorted(files):
            path = Path(folder) / file
            if path.is_file() and not path.is_symlink():
                yield path, f"{DOCUMENTS}/{path.relative_to(root).as_posix()}"


class _Hashing:
    """Reads through `source`, keeping a sha256 and a count of what passed."""

    def __init__(self, source) -> None:
        self.source, self.sha256, self.size = source, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), stat.st_mode & 0o700
        hashing = _Hashing(file)
        tar.addfile(info, hashing)
    return {"size": hashing.size, "sha256": hashing.sha256.hexdigest()}


# Pruning


def prune(keep: Path) -> list[tuple[str, int]]:
    """Delete archives in BACKUP_DIR older than BACKUP_RETENTION_DAYS, by the time in their
    name; only names that `backup` writes are ever touched. [(name, size)] deleted."""
    directory = Path(settings.BACKUP_DIR).absolute()
    if not directory.is_dir():
        return []
    limit = datetime.now(UTC) - timedelta(days=settings.BACKUP_RETENTION_DAYS)
    pruned = []
    for path in sorted(directory.iterdir()):
        match = ARCHIVE_NAME.fullmatch(path.name)
        if not match or path == keep or not path.is_file() or path.is_symlink():
            continue
        made = datetime.strptime(match[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if made < limit:
            size = path.stat().st_size
            path.unlink()
            pruned.append((path.name, size))
    return pruned


# Restoring


def target_data_table() -> str | None:
    """A table of the target database that holds rows `migrate` did not put there
    (None for an empty database: no tables, or a migrated schema without data)."""
    filled = {MigrationRecorder.Migration._meta.db_table} | {
        apps.get_model(label)._meta.db_table for label in FILLED_BY_MIGRATE
    }
    with connection.cursor() as cursor:
        filled |= _index_tables(cursor)
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in filled:
                continue
            quoted = connection.ops.quote_name(table)  # a name from introspection, quoted
            cursor.execute(f"SELECT 1 FROM {quoted} LIMIT 1")  # noqa: S608 # nosec B608
            if cursor.fetchone():
                return table
    return None


def _index_tables(cursor) -> set[str]:
    """SQLite's full-text indexes: a virtual table and its shadow tables, which hold
    what triggers copy from other tables and some rows of their own even when empty."""
    if connection.vendor != "sqlite":
        return set()
    cursor.execute("PRAGMA table_list")
    return {row[1] for row in cursor.fetchall() if row[0] == "main" and row[2] in INDEX_KINDS}


INDEX_KINDS = ("virtual", "shadow")


def documents_present() -> bool:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return next(_documents(root), None) is not None


def restore(archive: Path, key: bytes) -> dict:
    """Open and check the whole archive into a private folder next to the documents
    folder, then restore the database and swap the documents in. Nothing is touched
    until every part, the manifest and every member's sha256 have been checked."""
    root = Path(settings.PRIVATE_MEDIA_ROOT).absolute()
    root.parent.mkdir(parents=True, exist_ok=True)
    if Path(settings.BACKUP_WORK_DIR).is_dir():
        with _turns(Path(settings.BACKUP_WORK_DIR)):
            _remove_stale_work(Path(settings.BACKUP_WORK_DIR))
    # Next to the documents folder: the documents are swapped in by a rename.
    with _work_folder(root.parent) as work:
        manifest = _unpack(archive, key, work)
        known = _known_migrations()
        newer = sorted(set(manifest["migrations"]) - known)
        if newer:
            raise BackupError(
                "The archive was made by a newer version of the application (its database "
                f"has migrations this code does not know: {', '.join(newer)}). Restore it "
                "with that version."
            )
        database = work / manifest["database"]
        if connection.vendor == "sqlite":
            _restore_sqlite(database)
        else:
            _restore_postgresql(database)
        _swap_documents(work, root)
    documents = [name for name in manifest["members"] if name.startswith(f"{DOCUMENTS}/")]
    return {
        "created": manifest["created"],
        "vendor": VENDORS[manifest["vendor"]],
        "documents": len(documents),
        "migrations_behind": len(known - set(manifest["migrations"])),
    }


def _unpack(archive: Path, key: bytes, work: Path) -> dict:
    """Open every part and extract every member into `work`, then check the manifest."""
    seen: set[str] = set()
    with _open_archive(archive) as source:
        opener = _Opener(source, key)
        try:
            with tarfile.open(fileobj=opener, mode="r|") as tar:
                for member in tar:
                    if MANIFEST in seen or member.name in seen or not _expected(member):
                        raise BackupError("The archive holds an entry no backup writes.")
                    # The "data" filter refuses absolute names, "..", links and devices.
                    tar.extract(member, work, filter="data")
                    seen.add(member.name)
        except tarfile.TarError as error:
            raise BackupError(
                f"The archive's payload is unreadable ({type(error).__name__})."
            ) from None
        opener.drain()
    try:
        manifest = json.loads((work / MANIFEST).read_bytes())
        members = manifest["members"]
        vendor = manifest["vendor"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError("The archive has no readable manifest.") from None
    if (
        manifest.get("format") != FORMAT
        or set(members) != seen - {MANIFEST}
        or manifest.get("database") != DATABASE_MEMBERS.get(vendor)
    ):
        raise BackupError("The archive's manifest does not match its contents.")
    for name, expected in members.items():
        if _sha256(work / name) != expected["sha256"]:
            raise BackupError("An archive member does not match its checksum in the manifest.")
    if vendor != connection.vendor:
        theirs, ours = VENDORS[vendor], VENDORS.get(connection.vendor, connection.vendor)
        raise BackupError(
            f"This archive holds a {theirs} database; the target database is {ours}. "
            f"Restore it into a {theirs} database."
        )
    return manifest


def _expected(member: tarfile.TarInfo) -> bool:
    names = {MANIFEST, *DATABASE_MEMBERS.values()}
    return member.isfile() and (member.name in names or member.name.startswith(f"{DOCUMENTS}/"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while data := file.read(PART_SIZE):
            digest.update(data)
    return digest.hexdigest()


def _known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _restore_sqlite(snapshot: Path) -> None:
    """Copy the snapshot over the target with the backup API: in one write transaction,
    so the target is either untouched or wholly replaced."""
    name = connection.settings_dict["NAME"]
    connection.close()
    source = sqlite3.connect(snapshot)  # our own private copy
    target = sqlite3.connect(name, timeout=20)
    try:
        # A WAL database cannot take pages of another size; the app turns WAL back on.
        target.execute("PRAGMA journal_mode=DELETE")
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"Restoring into {name} failed: {error}.") from None
    finally:
        target.close()
        source.close()


def _restore_postgresql(dump: Path) -> None:
    """pg_restore in a single transaction: the target is untouched if anything fails."""
    connection.close()
    _run_pg(
        "pg_restore",
        "--single-transaction",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        str(dump),
    )


def _swap_documents(work: Path, root: Path) -> None:
    """Put the archive's documents (in the work folder) in place of the folder's, with
    two renames; the old folder goes with the work folder."""
    new, old = work / DOCUMENTS, work / "replaced"
    try:
        if not new.exists():
            new.mkdir(mode=0o700)
        if root.exists():
            new.chmod(root.stat().st_mode & 0o777)
            root.rename(old)
        new.rename(root)
    except OSError as error:
        if old.exists() and not root.exists():
            old.rename(root)  # the folder as it was, rather than none
        raise DocumentsNotRestored(
            f"The database was restored, but the documents could not be put in {root} "
            f"({error.strerror}). Restore again with --replace once that is fixed."
        ) from None


# Private work folders


@contextmanager
def _work_folder(parent: Path) -> Iterator[Path]:
    """A private folder (0700) for plain copies, removed in every case."""
    with _claimed(parent) as work:
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


@contextmanager
def _claimed(parent: Path, suffix: str = "") -> Iterator[Path]:
    """A new private work folder, or with a suffix a work file (0600), in `parent`,
    locked for as long as this process holds it. A process that dies, however it dies,
    lets go of its locks, so the next backup or restore can tell what a killed one left
    behind (and may hold a plain copy of the database) from what one still running uses,
    and remove it at once."""
    with _turns(parent):
        _remove_stale_work(parent)
        if suffix:
            descriptor, name = tempfile.mkstemp(prefix=WORK_PREFIX, suffix=suffix, dir=parent)
        else:
            name = tempfile.mkdtemp(prefix=WORK_PREFIX, dir=parent)
            descriptor = os.open(name, os.O_RDONLY)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield Path(name)
    finally:
        if suffix:
            Path(name).unlink(missing_ok=True)
        os.close(descriptor)


@contextmanager
def _turns(parent: Path) -> Iterator[None]:
    """Making a work folder and clearing stale ones take turns (a lock on the parent
    folder), so a clearer never takes a folder made a moment ago, before it was locked."""
    descriptor = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _remove_stale_work(parent: Path) -> None:
    """Remove the work folders and files in `parent` that no living process holds."""
    for path in parent.glob(f"{WORK_PREFIX}*"):
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:  # a link, or gone already
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # a backup or restore still running
            os.close(descriptor)
            continue
        try:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        finally:
            os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

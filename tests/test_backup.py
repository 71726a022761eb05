"""Backups and restores: a consistent copy taken while staff work, readable only with the
key, restored whole into an empty database or not at all.

The restores run `manage.py restore` in a child process against a database of the test
database's vendor made for the test (a new SQLite file, or a new PostgreSQL database
beside the test database) and a new documents folder, as a center would after losing a
server.
"""

import fcntl
import os
import secrets
import threading
import time
from contextlib import ExitStack
from datetime import timedelta
from io import StringIO
from pathlib import Path

import environ
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.urls import resolve, reverse
from django.utils import timezone

from crisis_center import backups
from intake.models import CrisisContact, RunningCount, StaffCaseload
from referrals.models import NetworkingAgreement
from tests.factories import StaffFactory
from tests.intake.test_screening import _answers
from tests.processes import empty_database_url, manage
from tests.test_hostile_input import _baseline

PASSWORD = "correct-horse-battery"  # tests.factories.StaffFactory
NAMES = ("Zephyrine-Quill", "Oleander-Marsh")
WORK = f"{backups.WORK_PREFIX}*"
SECRET_KEY = secrets.token_urlsafe(50)


@pytest.fixture
def key() -> str:
    return backups.generate_key()


@pytest.fixture
def documents(tmp_path, settings, monkeypatch) -> Path:
    """PRIVATE_MEDIA_ROOT in the test's own folder, for the backup and for uploads (the
    agreement field's storage took its location when the model was defined)."""
    root = tmp_path / "private"
    root.mkdir()
    settings.PRIVATE_MEDIA_ROOT = root
    storage = NetworkingAgreement._meta.get_field("document").storage
    for attribute in ("base_location", "location"):
        monkeypatch.setitem(storage.__dict__, attribute, str(root))
    return root


@pytest.fixture
def backup_settings(settings, tmp_path, key, documents):
    settings.BACKUP_KEY = key
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings


@pytest.fixture
def new_database():
    """Make empty databases of the test database's vendor: (DATABASE_URL, a connection)."""
    with ExitStack() as made:

        def make(name: str):
            url = made.enter_context(empty_database_url())
            settings = {**connection.settings_dict, "NAME": environ.Env.db_url_config(url)["NAME"]}
            wrapper = type(connections["default"])(settings, alias=name)
            made.callback(wrapper.close)  # closed before its database is dropped
            return url, wrapper

        yield make


def _restore(archive: Path, url: str, root: Path, key: str, *options: str):
    """`manage.py restore` in a child process, with the real settings."""
    return manage(
        "restore",
        str(archive),
        *options,
        DATABASE_URL=url,
        PRIVATE_MEDIA_ROOT=str(root),
        BACKUP_KEY=key,
        SECRET_KEY=SECRET_KEY,
    )


def _backup(**options) -> tuple[Path, str]:
    out = StringIO()
    call_command("backup", stdout=out, **options)
    assert out.getvalue().startswith("Wrote ")
    return Path(out.getvalue().split()[1]), out.getvalue()


def _rows(database) -> dict[str, dict[tuple, dict]]:
    """Every row of every table as {column: value}, by primary key (by the whole row
    where there is none)."""
    tables = {}
    with database.cursor() as cursor:
        for table in database.introspection.table_names(cursor):
            key = database.introspection.get_primary_key_columns(cursor, table)
            cursor.execute(f"SELECT * FROM {database.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
            tables[table] = {
                tuple(row[c] for c in key) if key else tuple(row.values()): row for row in rows
            }
    return tables


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def _now() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


# 1. A backup taken while staff work restores row for row


def _sign_in(client, user) -> None:
    client.logout()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed"


def _submit(client, url: str, **changes) -> int:
    """Post the form at `url` as its page fills it in, with `changes`; the new record's id."""
    form = client.get(url).context["form"]
    data = _baseline(form) | changes
    if "service_codes" in data:  # grouped choices, which the baseline does not pick from
        data["service_codes"] = changes.get("service_codes", [])
    response = client.post(url, data)
    assert response.status_code == 302, (url, response.context and response.context["form"].errors)
    return resolve(response.url).kwargs.get("pk")


def _fill_through_the_forms(client, staff) -> None:
    """What a center's day leaves behind, entered through the application's own forms."""
    _sign_in(client, staff["coordinator"])
    agency = _submit(
        client,
        reverse("agency_create"),
        name="Harbor Legal Aid",
        website="harbor.example.org",
        active="on",
    )
    resource = _submit(
        client,
        reverse("resource_create"),
        agency=agency,
        name="Immigration clinic",
        category="immigration_benefits",
        days=list("01234"),  # the weekday boxes ticked, Monday to Friday
        opens_at="09:00",
        closes_at="17:00",
        active="on",
    )
    # Over one part of the archive, with every byte value in it.
    pdf = b"%PDF-1.4\n" + secrets.token_bytes(1_300_000)
    _submit(
        client,
        reverse("agreement_create"),
        agency=agency,
        document=SimpleUploadedFile("agreement.pdf", pdf, "application/pdf"),
    )

    _sign_in(client, staff["advocate"])
    clients = [
        _submit(client, reverse("client_create"), pseudonym=name, date_of_birth="")
        for name in NAMES
    ]
    contact = _submit(
        client, reverse("contact_create"), started_at=_now(), note="Asked for shelter."
    )
    link = {"client": clients[0], "current": "", "confirm": "1"}
    assert client.post(reverse("contact_link", args=[contact]), link).status_code == 302
    url = reverse("screening_create", args=[clients[0]])
    assert client.post(url, _answers(q1="no", q3="yes")).status_code == 302
    _submit(client, reverse("medical_create", args=[clients[0]]), occurred_at=_now())
    _submit(
        client,
        reverse("release_create", args=[clients[1]]),
        agency=agency,
        purpose="T visa application",
    )
    _submit(
        client,
        reverse("referral_create", args=[clients[1]]) + f"?resource={resource}",
        kind="information",
    )
    _sign_in(client, staff["supervisor"])
    for pk in clients:
        assert client.get(reverse("client_detail", args=[pk])).status_code == 200


class Traffic(threading.Thread):
    """An advocate at work on the live server: signs in, then reads pages and logs
    hotline calls until told to stop."""

    def __init__(self, url: str, username: str) -> None:
        super().__init__(daemon=True)
        self.url, self.username = url, username
        self.saved = 0
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            with requests.Session() as session:
                self._post(session, reverse("login"), username=self.username, password=PASSWORD)
                while not self.stop.is_set():
                    session.get(self.url + reverse("contact_list"), timeout=30).raise_for_status()
                    self._post(
                        session,
                        reverse("contact_create"),
                        channel="hotline_call",
                        started_at=_now(),
                        duration_minutes="5",
                        note="Caller asked for the hours.",
                    )
                    self.saved += 1
        except BaseException as error:  # reported by the test thread
            self.error = error

    def _post(self, session, path: str, **data) -> None:
        session.get(self.url + path, timeout=30).raise_for_status()  # the form, and its cookie
        data["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
        response = session.post(self.url + path, data=data, allow_redirects=False, timeout=30)
        assert response.status_code == 302, (path, response.status_code)

    def wait_for(self, saved: int) -> None:
        deadline = time.monotonic() + 30
        while self.saved < saved and self.error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.saved >= saved, self.error

    def finish(self) -> None:
        self.stop.set()
        self.join(timeout=30)
        assert self.error is None, self.error


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_taken_while_staff_work_restores_every_row(
    client, staff, funder_lists, live_server, backup_settings, documents, new_database, key,
    tmp_path, monkeypatch,
):  # fmt: skip
    _fill_through_the_forms(client, staff)
    traffic = Traffic(live_server.url, "advocate2")
    traffic.start()
    traffic.wait_for(saved=2)
    before = _rows(connection)

    # Hold the backup after its database snapshot until staff have saved two more calls:
    # they must not be in it, and everything saved before the backup began must be.
    walk = backups._documents

    def documents_after_two_more_calls(root):
        traffic.wait_for(saved=saved_at_start + 2)
        yield from walk(root)

    saved_at_start = traffic.saved
    with monkeypatch.context() as patch:
        patch.setattr(backups, "_documents", documents_after_two_more_calls)
        archive, output = _backup()
    traffic.wait_for(saved=traffic.saved + 1)
    traffic.finish()
    after = _rows(connection)

    url, restored = new_database("during")  # no tables at all
    result = _restore(archive, url, tmp_path / "restored", key)
    assert result.returncode == 0, result.stderr
    copy = _rows(restored)
    restored.check_constraints()  # every foreign key finds its row

    # Rows changed (not added) meanwhile: only the traffic's session, which each request
    # renews, and the running counts its calls add to. The copy may hold any version of
    # those, as long as its counts are those of its records (checked below).
    changed = {
        (table, pk)
        for table, rows in before.items()
        for pk, row in rows.items()
        if pk in after[table] and after[table][pk] != row
    }
    running = {RunningCount._meta.db_table, StaffCaseload._meta.db_table}
    assert {table for table, _ in changed} <= {"django_session", *running}
    assert copy.keys() == after.keys()
    for table, rows in copy.items():
        for pk, row in rows.items():
            assert pk in after[table], (table, pk)
            assert row == after[table][pk] or (table, pk) in changed, (table, pk)
        missing = after[table].keys() - rows.keys()
        assert not missing & before[table].keys(), f"{table}: rows from before the backup lost"

    # The calls saved while the backup ran are missing, each with its history: the copy
    # is one moment of the database, never half a request.
    contacts, history = CrisisContact._meta.db_table, CrisisContact.history.model._meta.db_table
    assert after[contacts].keys() - copy[contacts].keys()
    assert {row["id"] for row in copy[history].values()} == {pk for (pk,) in copy[contacts]}
    recount = manage("recount", "--check", DATABASE_URL=url, SECRET_KEY=SECRET_KEY)
    assert recount.returncode == 0, recount.stdout + recount.stderr
    assert _files(tmp_path / "restored") == _files(documents)

    # With the traffic stopped, a second backup restores to an exact copy, here into a
    # migrated database with no data in it.
    archive, second_output = _backup()
    url, restored = new_database("quiet")
    migrated = manage("migrate", "--noinput", DATABASE_URL=url, SECRET_KEY=SECRET_KEY)
    assert migrated.returncode == 0, migrated.stderr
    result = _restore(archive, url, tmp_path / "quiet", key)
    assert result.returncode == 0, result.stderr
    assert _rows(restored) == _rows(connection)
    assert _files(tmp_path / "quiet") == _files(documents)
    for name in NAMES:  # what the commands print names files and sizes, never data
        assert name not in output + second_output + result.stdout + result.stderr


# 2. A wrong key, a cut or a changed byte: a clear error, and nothing restored

SEALED = backups.PART_SIZE + backups.TAG_SIZE


def _flip(at: int):
    def damage(data: bytes) -> bytes:
        return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]

    return damage


def _swap_first_parts(data: bytes) -> bytes:
    first, second = (backups.HEADER.size + n * SEALED for n in (0, 1))
    return (
        data[:first] + data[second : second + SEALED] + data[first:second] + data[second + SEALED :]
    )


DAMAGE = {
    "wrong key": (None, "This archive was made with a different BACKUP_KEY."),
    "cut after a whole part": (
        lambda data: data[: backups.HEADER.size + SEALED],
        "The archive is truncated: it ends before its last part.",
    ),
    "cut inside a part": (
        lambda data: data[:-1000],
        "The archive is damaged, cut short or has been tampered with: part ",
    ),
    "cut inside the header": (
        lambda data: data[:20],
        "The archive is truncated: it ends inside its header.",
    ),
    "a byte changed in the middle": (
        lambda data: _flip(len(data) // 2)(data),
        "The archive is damaged, cut short or has been tampered with: part ",
    ),
    "a byte changed in the header": (
        _flip(20),  # in the salt
        "The archive is damaged, cut short or has been tampered with: part 1 fails",
    ),
    "two parts swapped": (
        _swap_first_parts,
        "The archive is damaged, cut short or has been tampered with: part 1 fails",
    ),
    "not an archive": (
        lambda data: b"name,phone\n",
        "This file is not a crisis center backup archive.",
    ),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_archive_or_a_wrong_key_restores_nothing(
    case, backup_settings, documents, own_client, new_database, key, tmp_path
):
    (documents / "agreements").mkdir()
    (documents / "agreements" / "big.pdf").write_bytes(secrets.token_bytes(2 * SEALED))
    archive, _ = _backup()
    damage, message = DAMAGE[case]
    if damage:
        archive.write_bytes(damage(archive.read_bytes()))
    else:
        key = backups.generate_key()
    url, target = new_database("target")
    target_documents = tmp_path / "target-documents"
    target_documents.mkdir()
    (target_documents / "kept.pdf").write_bytes(b"%PDF-1.4 kept")

    result = _restore(archive, url, target_documents, key, "--replace", "--noinput")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Nothing was restored." in result.stderr
    with target.cursor() as cursor:
        assert target.introspection.table_names(cursor) == []
    assert _files(target_documents) == {"kept.pdf": b"%PDF-1.4 kept"}
    assert not list(tmp_path.glob(WORK))


# 3. Refusals, pruning, the key


def test_a_database_with_data_is_not_replaced_unless_asked(
    backup_settings, own_client, monkeypatch
):
    archive, _ = _backup()
    with pytest.raises(
        CommandError, match="The target is not empty: the database already holds data"
    ):
        call_command("restore", str(archive))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Restore cancelled; nothing was changed."):
        call_command("restore", str(archive), "--replace")
    own_client.refresh_from_db()


def test_a_migrated_database_without_data_counts_as_empty(db, documents):
    assert backups.target_data_table() is None and not backups.documents_present()
    (documents / "agreement.pdf").write_bytes(b"%PDF-1.4")
    assert backups.documents_present()
    StaffFactory()
    assert backups.target_data_table() in ("crisis_center_user", "crisis_center_historicaluser")


def test_old_archives_and_stale_work_folders_are_removed_and_nothing_else(backup_settings, db):
    folder = backup_settings.BACKUP_DIR
    folder.mkdir()
    now = timezone.now()
    stamp = lambda days: f"{now - timedelta(days=days):%Y%m%dT%H%M%SZ}"  # noqa: E731
    old = [f"crisis-center-{stamp(36)}.backup", f"crisis-center-{stamp(400)}-2.backup"]
    kept = [
        f"crisis-center-{stamp(34)}.backup",
        f"crisis-center-{stamp(400)}.backup.bak",
        f"other-{stamp(400)}.backup",
        "notes.txt",
    ]
    for name in old + kept:
        (folder / name).write_bytes(b"12345")
    (folder / f"crisis-center-{stamp(90)}.backup").mkdir()  # not a file: left alone
    kept.append(f"crisis-center-{stamp(90)}.backup")
    # A work folder or file that a killed backup left (it can hold a plain copy of the
    # database) goes at once; one that a running backup holds (locked) stays.
    stale, running = folder / f"{backups.WORK_PREFIX}stale", folder / f"{backups.WORK_PREFIX}now"
    for work in (stale, running):
        work.mkdir()
        (work / "database.sqlite3").write_bytes(b"plain")
    (folder / f"{backups.WORK_PREFIX}x.partial").write_bytes(b"sealed")
    held = os.open(running, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    kept.append(running.name)

    archive, output = _backup()
    for name in old:
        assert f"Deleted {name} (5 bytes): older than 35 days." in output
    assert sorted(p.name for p in folder.iterdir()) == sorted([*kept, archive.name])
    assert archive.stat().st_mode & 0o777 == 0o600
    os.close(held)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "BACKUP_KEY is not set. Make one with `manage.py backup --generate-key`"),
        ("not-a-key-at-all", "BACKUP_KEY is malformed"),
        ("c2hvcnQ=", "BACKUP_KEY is malformed"),  # valid base64, 5 bytes
    ],
)
def test_a_missing_or_malformed_key_writes_and_restores_nothing(
    backup_settings, db, tmp_path, value, message
):
    backup_settings.BACKUP_KEY = value
    for command in (["backup"], ["backup", "--output", str(tmp_path / "x.backup")]):
        with pytest.raises(CommandError, match=message) as error:
            call_command(*command)
        assert value not in str(error.value) or not value
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(tmp_path / "x.backup"))
    assert not backup_settings.BACKUP_DIR.exists() and not (tmp_path / "x.backup").exists()


def test_generate_key_prints_a_fresh_key(db):
    keys = set()
    for _ in range(2):
        out = StringIO()
        call_command("backup", "--generate-key", stdout=out)
        keys.add(out.getvalue().strip())
    assert len(keys) == 2
    assert all(len(backups.load_key(key)) == 32 for key in keys)


# A backup that dies or fails partway leaves nothing readable behind

# Run in a child process: a backup whose archive dies (SIGKILL, as the kernel's
# out-of-memory killer or a power cut would) after its first encrypted bytes, when the
# plain copy of the database exists and the archive is half written.
KILLED_PARTWAY = """
import os, signal, sys
import django
django.setup()
from django.core.management import call_command
from crisis_center import backups
write = backups._Sealer.write
def write_then_die(self, data):
    write(self, data)
    os.kill(os.getpid(), signal.SIGKILL)
backups._Sealer.write = write_then_die
call_command("backup", "--output", sys.argv[1])
"""


def _files_holding(folder: Path, secret: bytes) -> list[str]:
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and secret in path.read_bytes()
    ]


def _database_url() -> str:
    """The test database as a DATABASE_URL, for a child process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_killed_partway_leaves_no_plain_copy_beside_the_archive(
    backup_settings, tmp_path, tmp_path_factory, key
):
    import subprocess
    import sys

    from tests.factories import ClientFactory
    from tests.processes import ROOT, child_env

    ClientFactory(pseudonym="Quillonia-Vashti")
    usb = tmp_path / "usb"
    usb.mkdir()
    work = tmp_path_factory.mktemp("server-temp")
    env = {
        "DATABASE_URL": _database_url(),
        "BACKUP_KEY": key,
        "BACKUP_WORK_DIR": str(work),
        "PRIVATE_MEDIA_ROOT": str(backup_settings.PRIVATE_MEDIA_ROOT),
        "SECRET_KEY": SECRET_KEY,
    }
    killed = subprocess.run(  # noqa: S603 (our own script with fixed arguments)
        [sys.executable, "-c", KILLED_PARTWAY, str(usb / "crisis-center.backup")],
        cwd=ROOT,
        env=child_env(**env),
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr.decode()
    # Nothing in the output folder, nor beside it, holds a client's name: the plain copy
    # was made on the server's own disk (a private 0700 folder), not where archives go.
    assert _files_holding(tmp_path, b"Quillonia-Vashti") == []
    assert not (usb / "crisis-center.backup").exists()
    # The dead backup's plain copy is in its private folder on the server's disk.
    (left,) = work.iterdir()
    assert left.stat().st_mode & 0o777 == 0o700
    assert (left / backups.DATABASE_MEMBERS[connection.vendor]).exists()
    if connection.vendor == "sqlite":  # pg_dump's custom format is compressed
        assert _files_holding(left, b"Quillonia-Vashti")
    # The next backup clears what the dead one left, at once: no day's wait.
    done = manage("backup", "--output", str(usb / "next.backup"), **env)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in usb.iterdir()] == ["next.backup"]
    assert list(work.iterdir()) == []


def test_a_full_disk_during_the_database_copy_says_so(backup_settings, db, monkeypatch):
    """SQLite reports a full disk as sqlite3.OperationalError ("database or disk is
    full"): the command says the backup failed and that no archive was written."""
    import sqlite3

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite copy")
    connect = sqlite3.connect

    def a_full_disk(name, *args, **kwargs):
        opened = connect(name, *args, **kwargs)
        if str(name).endswith(backups.DATABASE_MEMBERS["sqlite"]):
            opened.execute("PRAGMA max_page_count = 2")  # room for two pages, no more
        return opened

    monkeypatch.setattr(backups.sqlite3, "connect", a_full_disk)
    with pytest.raises(CommandError) as failed:
        call_command("backup")
    assert str(failed.value) == (
        "Backup failed: the copy of the database could not be written "
        "(database or disk is full). No archive was written."
    )
    assert list(backup_settings.BACKUP_DIR.iterdir()) == []

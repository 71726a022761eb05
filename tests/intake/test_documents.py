"""Documents on the client's file (intake/documents.py): stored encrypted, typed by
content, downloaded only as an attachment by those who may see the client, logged, and
destroyed by a delete or a purge. Who gets 404 on each page: tests/test_access_matrix.py."""

import io
import secrets
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import OperationalError, connection
from django.urls import reverse

from crisis_center import sealed
from crisis_center.models import AccessLog
from intake import purge
from intake.models import Document
from tests import test_backup
from tests.factories import PDF, ClientFactory, document
from tests.test_backup import SECRET_KEY, _backup, _restore

STORY = "Release for Vasquez-Thornbury to the legal clinic"


@pytest.fixture(autouse=True)
def documents_folder(tmp_path, settings) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def _stored(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _upload(name: str, content: bytes, content_type: str = "application/pdf"):
    upload = io.BytesIO(content)
    upload.name = name
    upload.content_type = content_type  # what a browser claims; never believed
    return upload


def _post(client, person, content: bytes = PDF, name: str = "Marisol-release.pdf", **data):
    url = reverse("document_create", args=[person.pk])
    post = {"kind": "release", "description": STORY, "record": ""} | data
    return client.post(url, {**post, "file": _upload(name, content)})


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photos/1.txt", "not a Word document")
    return out.getvalue()


def test_a_document_is_stored_encrypted_and_downloads_byte_for_byte(
    client, advocate, own_client, documents_folder
):
    content = PDF + secrets.token_bytes(4096)  # 16-byte runs that occur nowhere by chance
    client.force_login(advocate)
    response = _post(client, own_client, content)
    assert response.status_code == 302

    saved = Document.objects.get(client=own_client)
    assert (saved.file_type, saved.size, saved.description) == (
        "application/pdf",
        len(content),
        STORY,
    )
    (path,) = _stored(documents_folder)
    assert path.stat().st_mode & 0o777 == 0o600
    assert "Marisol" not in str(path) and path.name.endswith(".enc")
    on_disk = path.read_bytes()
    runs = {content[i : i + 16] for i in range(len(content) - 15)}
    assert not any(on_disk[i : i + 16] in runs for i in range(len(on_disk) - 15))

    response = client.get(reverse("document_download", args=[saved.pk]))
    assert response.content == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="document-{saved.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_download_writes_one_access_log_row(client, supervisor, own_client, advocate):
    made = document(own_client, advocate)
    client.force_login(supervisor)
    before = AccessLog.objects.count()
    client.get(reverse("document_download", args=[made.pk]))
    (row,) = AccessLog.objects.all()[: AccessLog.objects.count() - before]
    assert (row.client_id, row.view_name, row.user_id) == (
        own_client.pk,
        "document_download",
        supervisor.pk,
    )


@pytest.mark.parametrize("username", ["advocate2", "coordinator", "admin"])
def test_no_one_outside_the_care_team_downloads(client, staff, own_client, advocate, username):
    made = document(own_client, advocate)
    client.force_login(staff[username])
    assert client.get(reverse("document_download", args=[made.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not one of them"),
        ("release.pdf", b"MZ\x90\x00\x03\x00\x00\x00 a Windows program", "not one of them"),
        ("visa.docx", _zip(), "This is a zip file, not a Word document"),
        ("empty.pdf", b"", "The submitted file is empty"),
    ],
)
def test_a_file_is_typed_by_its_content_not_its_name(
    client, advocate, own_client, documents_folder, name, content, message
):
    client.force_login(advocate)
    response = _post(client, own_client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert _stored(documents_folder) == []


@pytest.mark.parametrize(
    ("content", "file_type"),
    [
        (_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "application/msword"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
    ],
)
def test_word_documents_and_images_are_taken(client, advocate, own_client, content, file_type):
    client.force_login(advocate)
    assert _post(client, own_client, content, "scan.bin").status_code == 302
    assert Document.objects.get().file_type == file_type


def test_an_upload_stays_in_memory_and_one_too_large_is_refused(
    client, advocate, own_client, settings, monkeypatch, documents_folder
):
    """Over FILE_UPLOAD_MAX_MEMORY_SIZE Django would write the plain bytes to a temporary
    file; the upload page never lets it, under the limit or over it."""

    def no_temporary_file(*args, **kwargs):
        raise AssertionError("an upload was spooled to a temporary file")

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", no_temporary_file)
    settings.MAX_DOCUMENT_SIZE = 3 * 1024 * 1024
    assert settings.MAX_DOCUMENT_SIZE > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    client.force_login(advocate)

    fits = PDF + bytes(settings.MAX_DOCUMENT_SIZE - len(PDF))
    assert _post(client, own_client, fits).status_code == 302
    response = _post(client, own_client, fits + b"x")
    assert "The file is larger than 3 MB." in response.content.decode()
    assert Document.objects.count() == 1 and len(_stored(documents_folder)) == 1


def test_a_record_of_another_client_cannot_be_named(client, advocate, own_client, documents_folder):
    from intake.models import Dependent

    mine = Dependent.objects.create(client=own_client, created_by=advocate, age=4)
    theirs = Dependent.objects.create(
        client=ClientFactory(created_by=advocate), created_by=advocate, age=7
    )
    client.force_login(advocate)
    page = client.get(
        reverse("document_create", args=[own_client.pk]), {"record": f"dependent:{mine.pk}"}
    )
    assert f'value="dependent:{mine.pk}" selected' in page.content.decode()

    response = _post(client, own_client, record=f"dependent:{theirs.pk}")
    assert response.status_code == 200 and not Document.objects.exists()
    assert _stored(documents_folder) == []

    assert _post(client, own_client, record=f"dependent:{mine.pk}").status_code == 302
    saved = Document.objects.get()
    assert (saved.record_id, saved.belongs_to().slug) == (mine.pk, "dependent")
    detail = client.get(reverse("document_detail", args=[saved.pk])).content.decode()
    assert reverse("dependent_detail", args=[mine.pk]) in detail
    # The record's own page offers to attach one.
    record_page = client.get(reverse("dependent_detail", args=[mine.pk])).content.decode()
    assert f"?record=dependent:{mine.pk}" in record_page


def test_a_file_whose_row_is_not_saved_does_not_stay(
    client, advocate, own_client, documents_folder, monkeypatch
):
    client.force_login(advocate)

    # The row's INSERT fails after the file was written.
    def cut_off(*args, **kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr(Document, "save", cut_off)
    assert _post(client, own_client).status_code == 503
    assert _stored(documents_folder) == []
    monkeypatch.undo()

    # The row is saved, then the page fails: the transaction rolls back, the file goes.
    from intake import documents as pages

    def fail(*args, **kwargs):
        raise RuntimeError("after the save")

    monkeypatch.setattr(pages.messages, "success", fail)
    client.raise_request_exception = False
    assert _post(client, own_client).status_code == 500
    assert not Document.objects.exists()
    assert _stored(documents_folder) == []


def test_another_key_gives_a_clear_page_not_an_error(
    client, supervisor, own_client, advocate, settings
):
    made = document(own_client, advocate)
    settings.DOCUMENTS_KEY = sealed.generate_key()
    client.force_login(supervisor)
    response = client.get(reverse("document_download", args=[made.pk]))
    assert response.status_code == 503
    assert "does not open with the server's documents key" in response.content.decode()


def test_deleting_a_document_removes_its_row_and_its_bytes(
    client, advocate, own_client, documents_folder, django_capture_on_commit_callbacks
):
    made = document(own_client, advocate)
    client.force_login(advocate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("document_delete", args=[made.pk]))
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert _stored(documents_folder) == []
    assert Document.history.filter(id=made.pk, history_type="-", history_user=advocate).exists()


def test_a_purge_destroys_the_bytes_and_the_text(
    own_client, advocate, supervisor, documents_folder, django_capture_on_commit_callbacks
):
    made = document(own_client, advocate, description=STORY)
    kept = document(ClientFactory(created_by=advocate), advocate, description="Keep me")
    with django_capture_on_commit_callbacks(execute=True):
        purge.purge_client(client=own_client, by=supervisor, reason="client_request")
    assert _stored(documents_folder) == [Path(kept.file.path)]
    for model in (Document, Document.history.model):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            rows = cursor.fetchall()
        assert not any(STORY in str(v) or made.file.name in str(v) for row in rows for v in row)
    made.refresh_from_db()
    assert (made.file.name, made.kind) == ("", "release")  # the coded fact stays


def test_the_timeline_and_the_client_page_list_documents_in_bounded_queries(
    client, advocate, own_client, django_assert_max_num_queries
):
    from django.test.utils import CaptureQueriesContext

    document(own_client, advocate)
    client.force_login(advocate)
    url = reverse("client_detail", args=[own_client.pk])
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert "Document added:" in page and "Signed release of information" in page
    for _ in range(29):
        document(own_client, advocate, description="Another page of the packet")
    with CaptureQueriesContext(connection) as thirty:
        page = client.get(url).content.decode()
    assert len(thirty) == len(one)  # the first ten, and a link to the rest
    assert reverse("document_list", args=[own_client.pk]) in page
    # The session and user, the client through the policy and its log, the care team's
    # training, the page's count and rows.
    with django_assert_max_num_queries(14):
        client.get(reverse("document_list", args=[own_client.pk]))


def test_an_upload_saves_in_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries
):
    client.force_login(advocate)
    # Measured 16: the session and user, the client through the policy and its log, the
    # training, the form token taken and named, full_clean's client and author, the
    # content type of a record it belongs to, the row and its history row, the check that
    # the row naming the file is saved, and the savepoints.
    with django_assert_max_num_queries(16):
        assert _post(client, own_client).status_code == 302


def test_production_refuses_to_start_without_a_documents_key():
    from tests.processes import manage

    result = manage("check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), DOCUMENTS_KEY="")
    assert result.returncode != 0
    assert "DOCUMENTS_KEY must be set" in result.stderr


# Backups (crisis_center/backups.py archives PRIVATE_MEDIA_ROOT): one restore, it is slow.
# The backup tests' fixtures, by name.
key = test_backup.key
documents = test_backup.documents
backup_settings = test_backup.backup_settings
new_database = test_backup.new_database


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restore_brings_a_document_back_readable(
    backup_settings,
    new_database,
    tmp_path,
    key,
    advocate,
    own_client,
):
    import hashlib

    from tests.processes import manage

    content = PDF + secrets.token_bytes(2048)
    made = document(own_client, advocate, content)
    archive, _ = _backup()
    url, _restored = new_database("restored")
    root = tmp_path / "restored"  # an empty documents folder, an empty database
    result = _restore(archive, url, root, key)
    assert result.returncode == 0, result.stderr

    # Read back as the download reads it, by the restored server (same DOCUMENTS_KEY).
    code = (
        "import hashlib, sys; from intake.models import Document; "
        f"sys.stdout.write(hashlib.sha256(Document.objects.get(pk={made.pk}).read()).hexdigest())"
    )
    read = manage(
        "shell", "-c", code, DATABASE_URL=url, PRIVATE_MEDIA_ROOT=str(root), SECRET_KEY=SECRET_KEY
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.split()[-1] == hashlib.sha256(content).hexdigest()

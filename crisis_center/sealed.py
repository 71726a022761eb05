"""Files kept encrypted at rest: the client's documents under PRIVATE_MEDIA_ROOT.

A copied disk, a stolen backup drive or a stray file holds nothing readable without
DOCUMENTS_KEY, which lives in the environment, never beside the files. Each file is

    b"CCDOC" 0x01, a 12-byte random nonce, then the content sealed with AES-256-GCM

under DOCUMENTS_KEY, with the file's own stored name as associated data: a file moved
or copied in place of another document's does not open. Its name is random
(`documents/<32 hex>.enc`), never what the uploader called it. It is written to a
temporary file in the same folder (mode 0600), synced, then renamed into place, so a
crash leaves the whole file or none.

A file written for a row that is then not saved (the save refused, the request's
transaction rolled back) is removed: a page that writes one is wrapped in
`files_kept_only_if_saved`, which checks, once its transaction has ended, that the row
naming each file it wrote is in the database.
"""

import base64
import binascii
import logging
import os
import secrets
import tempfile
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError, models, transaction

logger = logging.getLogger(__name__)

MAGIC = b"CCDOC\x01"
NONCE_SIZE = 12


class Unreadable(Exception):
    """A stored file that does not open with DOCUMENTS_KEY: another key, or damage."""


def generate_key() -> str:
    """32 random bytes in urlsafe base64, for DOCUMENTS_KEY."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _key() -> bytes:
    value = settings.DOCUMENTS_KEY
    try:
        key = base64.b64decode(value.strip(), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:  # the message never repeats the value
        raise ImproperlyConfigured(
            "DOCUMENTS_KEY is malformed: it must be 32 random bytes in urlsafe base64 "
            "(44 characters), as `manage.py documents_key` prints."
        )
    return key


def seal(plain: bytes, name: str) -> bytes:
    nonce = secrets.token_bytes(NONCE_SIZE)
    return MAGIC + nonce + AESGCM(_key()).encrypt(nonce, plain, name.encode())


def unseal(sealed: bytes, name: str) -> bytes:
    if not sealed.startswith(MAGIC):
        raise Unreadable(name)
    nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_SIZE]
    try:
        return AESGCM(_key()).decrypt(nonce, sealed[len(MAGIC) + NONCE_SIZE :], name.encode())
    except (InvalidTag, ValueError):
        raise Unreadable(name) from None


def random_name(instance: models.Model, filename: str) -> str:
    """A stored file's name: random, never the uploaded one (which can name the client)."""
    return f"documents/{secrets.token_hex(16)}.enc"


class SealedStorage(FileSystemStorage):
    """Writes sealed, reads unsealed, always under today's PRIVATE_MEDIA_ROOT."""

    def __init__(self) -> None:
        super().__init__(base_url=None, file_permissions_mode=0o600)

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def _save(self, name: str, content) -> str:
        sealed = seal(b"".join(content.chunks()), name)
        path = Path(self.path(name))
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(sealed)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
        return name

    def _open(self, name: str, mode: str = "rb") -> ContentFile:
        with open(self.path(name), "rb") as file:
            return ContentFile(unseal(file.read(), name), name=name)


_STORAGE = SealedStorage()


def storage() -> SealedStorage:
    """The storage of sealed file fields (a callable, so migrations name it)."""
    return _STORAGE


# Files kept only if their row is saved ----------------------------------------------

_written: ContextVar[list | None] = ContextVar("sealed_files_written", default=None)


def written(field: models.FileField, name: str) -> None:
    """Note a file just written for `field`: the page's `files_kept_only_if_saved`
    removes it unless a row of the field's model names it when the transaction ends."""
    pending = _written.get()
    if pending is not None:
        pending.append((field, name))


def files_kept_only_if_saved(view: Callable) -> Callable:
    """Run the view in a transaction of its own (in place of the request's) and, once
    that has committed or rolled back, remove each file it wrote that no saved row names.
    A database that cannot answer has committed nothing: its files go too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pending: list = []
        token = _written.set(pending)
        try:
            with transaction.atomic():
                return view(request, *args, **kwargs)
        finally:
            _written.reset(token)
            for field, name in pending:
                try:
                    saved = field.model._base_manager.filter(**{field.name: name}).exists()
                except DatabaseError:
                    saved = False
                if not saved:
                    field.storage.delete(name)
                    logger.info("Removed a document file whose row was not saved.")

    return transaction.non_atomic_requests(wrapper)

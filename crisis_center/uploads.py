"""Uploaded files: how large one may be, what it is by its content, and where it is held
while the request is read.

What a file is comes from its first bytes, never from its name or the content type the
browser sends (both are whatever the sender chose): an HTML page named "release.pdf" is
refused. An upload to a page marked `kept_in_memory` is held in memory only, whatever its
size, so the plain bytes of a client's document never reach a temporary file on disk
(Django spools uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to one); past MAX_DOCUMENT_SIZE
its bytes are dropped and only its size is kept, for the form to refuse it.
"""

import io
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def too_large(upload) -> str:
    """Why an upload is refused for its size (MAX_DOCUMENT_SIZE), or "" when it is not."""
    if upload.size <= settings.MAX_DOCUMENT_SIZE:
        return ""
    return gettext("The file is larger than %(most)s MB.") % {
        "most": settings.MAX_DOCUMENT_SIZE // (1024 * 1024)
    }


# What a file is, by its content -------------------------------------------------------


class FileType(models.TextChoices):
    """The kinds of file a client's document may be, as their media types."""

    PDF = "application/pdf", _("PDF")
    PNG = "image/png", _("PNG image")
    JPEG = "image/jpeg", _("JPEG image")
    GIF = "image/gif", _("GIF image")
    WEBP = "image/webp", _("WebP image")
    HEIC = "image/heic", _("HEIC image (a phone's photo)")
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _("Word")
    DOC = "application/msword", _("Word (before 2007)")


EXTENSIONS = {
    FileType.PDF: "pdf",
    FileType.PNG: "png",
    FileType.JPEG: "jpg",
    FileType.GIF: "gif",
    FileType.WEBP: "webp",
    FileType.HEIC: "heic",
    FileType.DOCX: "docx",
    FileType.DOC: "doc",
}

NOT_ONE_OF_THEM = _(
    "Upload a PDF, an image (JPEG or PNG) or a Word document; this file is not one of them."
)
ZIP_NOT_WORD = _(
    "This is a zip file, not a Word document. Upload a PDF, an image (JPEG or PNG) or a "
    "Word document."
)
EMPTY = _("The file is empty.")

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy Office file (.doc)
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1"}


def _is_word(data: bytes) -> bool:
    """A .docx is a zip holding word/document.xml; only its list of members is read (a
    zip bomb is never inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


_SIGNATURES: list[tuple[Callable[[bytes], bool], FileType]] = [
    (lambda d: d.startswith(b"%PDF-"), FileType.PDF),
    (lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"), FileType.PNG),
    (lambda d: d.startswith(b"\xff\xd8\xff"), FileType.JPEG),
    (lambda d: d[:6] in (b"GIF87a", b"GIF89a"), FileType.GIF),
    (lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP", FileType.WEBP),
    (lambda d: d[4:8] == b"ftyp" and d[8:12] in HEIC_BRANDS, FileType.HEIC),
    (lambda d: d.startswith(OLE), FileType.DOC),
]


def sniff(data: bytes) -> FileType:
    """What the file is by its content; ValidationError with a message for people when it
    is none of the kinds a document may be."""
    if not data:
        raise ValidationError(EMPTY)
    for matches, kind in _SIGNATURES:
        if matches(data):
            return kind
    if data.startswith(b"PK\x03\x04"):
        if _is_word(data):
            return FileType.DOCX
        raise ValidationError(ZIP_NOT_WORD)
    raise ValidationError(NOT_ONE_OF_THEM)


# Held in memory only -------------------------------------------------------------------


def kept_in_memory(view: Callable) -> Callable:
    """Mark a view whose uploads are held in memory only (InMemoryOnlyHandler)."""
    view.uploads_in_memory = True
    return view


class InMemoryOnlyHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: for a view marked `kept_in_memory`, every file of
    the request is held in memory and no later handler (the temporary file's) sees it.
    At most MAX_DOCUMENT_SIZE bytes are kept; the upload's size is the size sent, so a
    larger one is refused by `too_large` before anything reads it. For other views it
    steps aside and Django's own handlers work as always."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        match = getattr(self.request, "resolver_match", None)
        self.activated = bool(match and getattr(match.func, "uploads_in_memory", False))

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if self.activated:
            self.file = io.BytesIO()
            raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if not self.activated:
            return raw_data
        room = settings.MAX_DOCUMENT_SIZE - self.file.tell()
        if room > 0:
            self.file.write(raw_data[:room])
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if not self.activated:
            return None
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

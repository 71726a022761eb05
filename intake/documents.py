"""Documents on the client's file: uploaded from the client's page or from one of their
records, stored encrypted (crisis_center/sealed.py), downloaded only by those who may
see the client, and never shown in the browser.

The pages are this module's own (the kind registers with views=False in apps.py): an
upload is read into memory only (crisis_center/uploads.py) and its file is written in a
transaction the page holds itself, so that a file whose row is not saved is removed
(crisis_center/sealed.py); the shared record pages do neither.
"""

import logging
import random
from datetime import date, datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from crisis_center import paging, permissions, policy, sealed, uploads
from crisis_center.ids import parse_id
from crisis_center.panels import Panel
from crisis_center.records import KINDS, Kind
from crisis_center.records.forms import RecordForm
from crisis_center.records.services import record_save
from crisis_center.records.views import client_records_page, record_saved
from intake.choices import DocumentKind
from intake.models import Client, Document

logger = logging.getLogger(__name__)

SHOWN = 10  # on the client's page; the rest on the list page


# The record a document belongs to ---------------------------------------------------


def attachable(kind: Kind) -> bool:
    """A registered kind whose records belong to one client (not a document itself)."""
    names = {f.name for f in kind.model._meta.concrete_fields}
    return kind.slug != "document" and "client" in names


def _when(record: models.Model, kind: Kind) -> str:
    moment = getattr(record, kind.date_field, None) or getattr(record, "created_at", None)
    if isinstance(moment, datetime):
        return formats.date_format(timezone.localtime(moment), "M j, Y")
    if isinstance(moment, date):
        return formats.date_format(moment, "M j, Y")
    return ""


def find_record(client: Client, value: str) -> tuple[Kind, models.Model] | None:
    """The client's record named "slug:id" (as the record's page links to the upload
    form), or None: an unknown kind, an impossible id, or someone else's record."""
    slug, _, number = (value or "").partition(":")
    kind = KINDS.get(slug)
    pk = parse_id(number) if number.isdigit() else None
    if kind is None or pk is None or not attachable(kind):
        return None
    record = kind.model._default_manager.filter(pk=pk, client=client).first()
    return (kind, record) if record else None


# The form and the save --------------------------------------------------------------

WHOLE_FILE = ("", gettext_lazy("The client's file as a whole"))


class DocumentForm(RecordForm):
    file = forms.FileField(label=gettext_lazy("File"))
    record = forms.ChoiceField(label=gettext_lazy("Belongs to"), required=False)

    class Meta(RecordForm.Meta):
        model = Document
        fields = ["kind", "description"]

    rows = ("file", ("kind", "record"), "description")

    def __init__(self, *args, offered: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.MAX_DOCUMENT_SIZE // (1024 * 1024)
        self.fields["file"].help_text = (
            f"A PDF, an image (JPEG or PNG) or a Word document, up to {megabytes} MB. It is "
            "stored encrypted; its file name is not kept."
        )
        self.fields["kind"].choices = [("", "Choose…"), *DocumentKind.choices]
        # The record it belongs to is chosen on that record's page: offered here with
        # the whole file, as the only two choices (a value naming any other record,
        # someone else's too, is not a choice).
        chosen = self.data.get(self.add_prefix("record"), "") if self.is_bound else offered
        found = find_record(self.instance.client, chosen) if chosen else None
        choices = [WHOLE_FILE]
        if found:
            kind, record = found
            choices.append((chosen, f"{kind.title}, {_when(record, kind)}".rstrip(", ")))
            self.initial.setdefault("record", chosen)
        self.fields["record"].choices = choices
        self.found = found
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if refused := uploads.too_large(upload):
            raise ValidationError(refused)
        content = upload.read()
        self.instance.file_type = uploads.sniff(content)
        self.instance.size = len(content)
        self.content = content
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if data.get("record") and self.found:
            kind, record = self.found
            self.instance.record_type = _content_type(kind.model)
            self.instance.record_id = record.pk
        return data


def _content_type(model: type[models.Model]):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)


def add_document(*, document: Document, content: bytes, by) -> Document:
    """Seal the content into a new file, then save its row as `by`. A row that fails to
    save takes its file with it (and a page's transaction that rolls back after, too:
    sealed.files_kept_only_if_saved)."""
    field = Document._meta.get_field("file")
    name = field.storage.save(field.generate_filename(document, "upload"), ContentFile(content))
    sealed.written(field, name)
    document.file.name = name
    try:
        record_save(record=document, by=by)
    except BaseException:
        field.storage.delete(name)
        raise
    return document


def delete_document(*, document: Document, by) -> None:
    """The row (its history keeps who deleted it) and, once that is committed, the file."""
    name, storage = document.file.name, document.file.storage
    document._history_user = by
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


def _save(form: DocumentForm, by) -> Document:
    return add_document(document=form.instance, content=form.content, by=by)


# Pages ------------------------------------------------------------------------------


@uploads.kept_in_memory
@sealed.files_kept_only_if_saved
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = policy.get_visible_or_404(request, Client.objects, pk=pk)
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    document = Document(client=client, created_by=request.user)
    offered = request.GET.get("record", "")
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document,
                        offered=offered)  # fmt: skip
    if record_saved(request, form, _save):
        messages.success(request, gettext("Document added."))
        return redirect("client_detail", pk=client.pk)
    context = {"form": form, "client": client, "kind": KINDS["document"], "multipart": True}
    return render(request, "intake/document_form.html", context)


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    documents = Document.objects.select_related("client", "created_by", "record_type")
    return policy.get_visible_or_404(request, documents, pk=pk)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    rows = [
        (gettext("What it is"), document.get_kind_display()),
        (gettext("Description"), document.description or "—"),
        (gettext("File"), f"{document.get_file_type_display()}, {filesizeformat(document.size)}"),
    ]
    context = {
        "record": document,
        "kind": KINDS["document"],
        "rows": rows,
        "client": document.client,
        "belongs": document.record_page(),
    }
    return render(request, "intake/document_detail.html", context)


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Always an attachment under a generic name, never drawn in the browser: a PDF or
    an image opened inline could run script or be left on screen. Each download is a
    view of the client's file in the access log (the policy's door writes it)."""
    document = _document_or_404(request, pk)
    if not document.file.name:  # destroyed by a purge
        return render(request, "intake/document_unreadable.html", {"purged": True}, status=410)
    try:
        content = document.read()
    except (sealed.Unreadable, OSError) as error:
        logger.error("Document %s could not be opened: %s.", document.pk, type(error).__name__)
        context = {"missing": isinstance(error, OSError), "client": document.client}
        return render(request, "intake/document_unreadable.html", context, status=503)
    response = HttpResponse(content, content_type=document.file_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{document.download_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation; POST: the row and the bytes."""
    document = _document_or_404(request, pk)
    if refusal := permissions.refusal(request, "log_records"):
        return refusal
    if request.method == "POST":
        delete_document(document=document, by=request.user)
        messages.success(request, gettext("Document deleted."))
        return redirect("client_detail", pk=document.client_id)
    context = {"record": document, "client": document.client}
    return render(request, "intake/document_delete.html", context)


def _of(client: Client) -> models.QuerySet:
    return Document.objects.filter(client=client).select_related("created_by", "record_type")


def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    return client_records_page(
        request, pk, model=Document, template="intake/document_list.html", records=_of
    )


def client_panel(request: HttpRequest, client: Client) -> Panel:
    """The latest documents: two queries however many there are."""
    documents, more = paging.first(_of(client), SHOWN)
    return Panel("intake/panels/documents.html", {"documents": documents, "more": more})


# Demo -------------------------------------------------------------------------------


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF saying `title` (invented demo content)."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)


DEMO = [
    (DocumentKind.RELEASE, "Release to the legal clinic, signed at intake", "Release"),
    (DocumentKind.COURT_ORDER, "Order of protection, granted", "Order of protection"),
    (DocumentKind.MEDICAL, "Follow-up appointment form from the clinic", "Clinic form"),
]


def seed(staff: dict, rng: random.Random) -> None:
    """A few small PDFs on the advocate's first clients, stored as every upload is."""
    advocate = staff["advocate"]
    clients = list(Client.objects.filter(created_by=advocate).order_by("id")[:2])
    for client in clients:
        for kind, description, title in DEMO[: rng.randint(2, 3)]:
            document = Document(client=client, kind=kind, description=description)
            content = demo_pdf(f"Demo document: {title}")
            document.file_type, document.size = uploads.sniff(content), len(content)
            add_document(document=document, content=content, by=advocate)

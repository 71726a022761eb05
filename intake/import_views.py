"""The page that moves a center in from another system (intake/imports.py).

The files are read in memory, for the one request, and never written anywhere: not to
the session, not to a temporary file on disk (Django writes an upload over 2.5 MB to
one). Checking and importing are two posts of the same files; the import checks them
all again, so nothing waits between the two.
"""

import io

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from crisis_center import permissions
from crisis_center.forms import AsTyped
from intake import imports


class InMemoryUploads(FileUploadHandler):
    """Uploaded files held in memory up to MAX_DOCUMENT_SIZE each; a larger one is
    skipped as it arrives and named in `too_large`, never kept whole."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.too_large: dict[str, str] = {}

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        refused = imports.too_large(f"{self.field_name}.csv", start + len(raw_data))
        if refused:
            self.too_large[self.field_name] = refused
            raise SkipFile
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )


class ImportForm(AsTyped, forms.Form):
    source = forms.CharField(
        label=_("The system the files come from"),
        max_length=imports.SOURCE_LENGTH,
        help_text=_("The same name every time: rows already imported from it are skipped."),
    )
    clients = forms.FileField(label="clients.csv", required=False)
    contacts = forms.FileField(label="contacts.csv", required=False)
    services = forms.FileField(label="services.csv", required=False)
    check_only = forms.BooleanField(
        label=_("Check only: save nothing"), required=False, initial=True
    )

    def __init__(self, *args, too_large: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self) -> dict:
        data = super().clean()
        for name, refused in self.too_large.items():
            self.add_error(name if name in imports.FILES else None, refused)
        if not self.too_large and not any(data.get(f) for f in imports.FILES):
            raise forms.ValidationError(gettext("Choose at least one file."))
        return data


@csrf_exempt  # checked below, once the uploads are read in memory (Django's pattern)
@permissions.required("import_records")
def import_records(request: HttpRequest) -> HttpResponse:
    if file := request.GET.get("template"):
        return _template(file)
    uploads = InMemoryUploads(request)
    request.upload_handlers = [uploads]
    return _import_page(request, uploads)


@csrf_protect
def _import_page(request: HttpRequest, uploads: InMemoryUploads) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, too_large=uploads.too_large)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = imports.run(
            source=data["source"],
            files={f: data[f].read() for f in imports.FILES if data.get(f)},
            by=request.user,
            dry_run=data["check_only"],
        )
        if outcome.saved:
            messages.success(request, " ".join([gettext("Imported."), *outcome.lines()]))
            return redirect("import_records")
    context = {"form": form, "outcome": outcome, "reference": imports.reference()}
    return render(request, "intake/import.html", context)


def _template(file: str) -> HttpResponse:
    if file not in imports.FILES:
        file = imports.FILES[0]
    response = HttpResponse(imports.header(file), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file}.csv"'
    return response

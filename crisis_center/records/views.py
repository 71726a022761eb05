"""The pages every client record kind shares, and the save helpers every form page uses.

Each page loads the client or the record through crisis_center.policy (an unseen client
is a 404, and the read is written to the access log), checks the training the kind
needs after that (so an unseen client stays a 404, not a refusal that tells it exists),
validates the form and calls one service.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from crisis_center import center, form_tokens, ledger, paging, permissions, policy
from crisis_center.records import KINDS, Kind
from crisis_center.records.models import TimeGiven
from crisis_center.records.services import record_save


def save_or_form_errors(request: HttpRequest, form, save: Callable[[], object]) -> bool:
    """Run a service after the form validated, once per create form's token (a second
    post saves nothing: crisis_center.form_tokens); what only the model can check (a
    rule on a field the form does not show, a constraint) becomes a form error, not a
    500."""
    try:
        form_tokens.save_once(request, form, save)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    return True


def _save_record(form, by) -> models.Model:
    return record_save(record=form.instance, by=by)


def record_saved(request: HttpRequest, form, save: Callable | None = None) -> bool:
    """A POST whose form is valid and whose record the service saved as request.user:
    `save(form, by)` when the kind has one (crisis_center.records.Kind.save)."""
    write = save or _save_record
    return (
        request.method == "POST"
        and form.is_valid()
        and save_or_form_errors(request, form, lambda: write(form, request.user))
    )


def client_record_create(
    request: HttpRequest,
    pk: int,
    *,
    form_class,
    model,
    template: str,
    done: str,
    capability: str = "log_records",
    context: dict | None = None,
    save: Callable | None = None,
) -> HttpResponse:
    """The shared page that adds a record to a client: the client through the door, then
    the training the record needs (its capability), then the form."""
    clients = model._meta.get_field("client").related_model.objects
    client = policy.get_visible_or_404(request, clients, pk=pk)
    if refusal := permissions.refusal(request, capability):
        return refusal
    # Its author is set when saved (record_save); known now, it is "given by"'s default.
    form = form_class(request.POST or None, instance=model(client=client, created_by=request.user))
    if record_saved(request, form, save):
        messages.success(request, done)
        return redirect("client_detail", pk=client.pk)
    return render(request, template, {"form": form, "client": client, **(context or {})})


def record_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    return client_record_create(
        request,
        pk,
        form_class=spec.form,
        model=spec.model,
        template=spec.form_template,
        done=spec.done,
        capability=spec.capability,
        context={"kind": spec},
        save=spec.save,
    )


LIST_PAGE = 25


def client_records_page(
    request: HttpRequest,
    pk: int,
    *,
    model: type[models.Model],
    template: str,
    records: Callable[[models.Model], models.QuerySet],
) -> HttpResponse:
    """All of a client's records of one kind, a page at a time: the whole list behind a
    section of the client page that shows the first few. The client through the door."""
    clients = model._meta.get_field("client").related_model.objects
    client = policy.get_visible_or_404(request, clients, pk=pk)
    page = paging.page_of(request, records(client), LIST_PAGE)
    return render(request, template, {"client": client, "page": page})


def _record_or_404(request: HttpRequest, kind: Kind, pk: int) -> models.Model:
    giver = ("given_by",) if issubclass(kind.model, TimeGiven) else ()
    records = kind.model.objects.select_related(
        "client", "created_by", *giver, *kind.select_related
    )
    return policy.get_visible_or_404(request, records, pk=pk)


def record_detail(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    record = _record_or_404(request, spec, pk)
    rows = field_rows(record, spec.form._meta.fields)
    context = {"record": record, "kind": spec, "rows": rows, "client": record.client}
    return render(request, spec.detail_template, context)


def record_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    record = _record_or_404(request, spec, pk)
    if refusal := permissions.refusal(request, spec.capability):
        return refusal
    form = spec.form(request.POST or None, instance=record)
    if record_saved(request, form, spec.save):
        messages.success(request, _("Changes saved."))
        return redirect(f"{spec.slug}_detail", pk=record.pk)
    context = {"form": form, "client": record.client, "kind": spec, "record": record}
    return render(request, spec.form_template, context)


# A record's fields as (label, text) rows for its read-only page ----------------------


def _text(record: models.Model, field: models.Field) -> str:
    value = getattr(record, field.name)
    if field.name == "service_codes":
        return ledger.counts_as(record)
    if value in (None, "", []):
        return "—"
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    labelled = [v for v in field.validators if hasattr(v, "label_of")]  # a list it extends
    if labelled:
        codes = value if isinstance(value, list) else [value]
        return ", ".join(labelled[0].label_of(str(code)) for code in codes)
    listed = [v.choices for v in field.validators if hasattr(v, "choices")]  # a ChoiceList
    if listed:
        return ", ".join(str(listed[0](code).label) for code in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "M j, Y H:i")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "M j, Y")
    return str(value)


def field_rows(record: models.Model, names: list[str]) -> list[tuple[str, str]]:
    """The fields the center collects (a stored value of one it does not is not shown)."""
    meta = record._meta
    off = center.uncollected(type(record))
    return [
        (_label(meta.get_field(n)), _text(record, meta.get_field(n))) for n in names if n not in off
    ]


def _label(field: models.Field) -> str:
    if field.name == "service_codes":  # its text says what it counts as, in words
        return _("Funder report")
    return str(field.verbose_name).capitalize()

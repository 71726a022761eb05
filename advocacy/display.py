"""A record's fields as (label, text) rows for a read-only page."""

from django.db import models
from django.utils import formats, timezone

from intake.models import CodeListValidator
from intake.service_ledger import describe


def _text(record: models.Model, field: models.Field) -> str:
    value = getattr(record, field.name)
    if field.name == "service_codes":
        return describe(record)
    if value in (None, "", []):
        return "—"
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    validators = [v for v in field.validators if isinstance(v, CodeListValidator)]
    if validators:
        return ", ".join(validators[0].choices(code).label for code in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "M j, Y H:i")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "M j, Y")
    return str(value)


def field_rows(record: models.Model, names: list[str]) -> list[tuple[str, str]]:
    meta = record._meta
    return [
        (str(meta.get_field(n).verbose_name).capitalize(), _text(record, meta.get_field(n)))
        for n in names
    ]

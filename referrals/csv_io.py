"""The directory as CSV: export for coordinators, and an import that saves all or nothing.

Plain csv and a ModelForm per row: every row gets the same validation as the resource
form, and one bad row stops the whole file, with every bad row named.
"""

import csv
import io
from collections.abc import Iterable

from django import forms
from django.db import transaction

from crisis_center.reporting import spreadsheet_safe
from referrals.models import Agency, Resource

COLUMNS = [
    "agency", "name", "category", "description", "eligibility", "cost", "languages",
    "populations", "accessibility", "id_required", "accepts_trafficking_survivors",
    "accepts_substance_use", "how_to_refer", "phone", "open_24_7", "days", "opens_at",
    "closes_at", "last_verified",
]  # fmt: skip
BOOLEANS = {"id_required", "accepts_trafficking_survivors", "accepts_substance_use", "open_24_7"}
TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
MAX_ROWS = 20_000


class ImportRowForm(forms.ModelForm):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        to_field_name="name",
        error_messages={"invalid_choice": "no agency of that name: add the agency first"},
    )

    class Meta:
        model = Resource
        fields = COLUMNS


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def export(resources: Iterable[Resource]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in resources:
        row = [r.agency.name] + [_cell(getattr(r, c)) for c in COLUMNS[1:]]
        writer.writerow([spreadsheet_safe(c) for c in row])
    return out.getvalue()


def import_file(data: bytes) -> tuple[int, list[str]]:
    """Create a resource per row. Returns (created, errors); with any error, creates none."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, ["The file is not UTF-8 text: save it as CSV (UTF-8)."]
    reader = csv.DictReader(io.StringIO(text))
    missing = set(COLUMNS) - set(reader.fieldnames or [])
    if missing:
        return 0, [f"Missing columns: {', '.join(sorted(missing))}."]
    errors, forms_ok = [], []
    for number, row in enumerate(reader, start=2):  # row 1 is the header
        if number > MAX_ROWS + 1:
            return 0, [f"More than {MAX_ROWS} rows: split the file."]
        data_row, bad = {}, []
        for column in COLUMNS:
            value = (row.get(column) or "").strip()
            if column in BOOLEANS:
                if value.lower() not in TRUE | FALSE:
                    bad.append(f"{column}: use yes or no")
                value = "on" if value.lower() in TRUE else ""
            data_row[column] = value
        form = ImportRowForm(data_row)
        if not form.is_valid() or bad:
            for field, messages in form.errors.items():
                bad.extend(f"{field}: {m}" for m in messages)
            errors.append(f"Row {number}: " + "; ".join(bad))
        else:
            forms_ok.append(form)
    if errors:
        return 0, errors
    with transaction.atomic():
        for form in forms_ok:
            form.save()
    return len(forms_ok), []

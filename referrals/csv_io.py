"""The directory as CSV: export for coordinators, and an import that saves all or nothing.

Each exported row carries its resource's key: imported again, a row with a key updates
that resource (if anything in it changed) and a row without one adds a resource, so an
export edited in a spreadsheet and imported back is not added a second time. Choices
are written as the labels staff see and read as labels or codes; days by name, which a
spreadsheet cannot turn into a number. Every row gets the same validation as the
resource form (a ModelForm per row) and one bad row stops the whole file, with a line
per bad row and field. What the rows refer to is looked up once for the whole file and
the writes are bulk, with their history rows.
"""

import csv
import io
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from crisis_center.models import User
from crisis_center.reporting import spreadsheet_safe
from referrals.choices import Category, HowToRefer
from referrals.models import DAYS, Agency, Resource

# No agency address, notes or other coordinator-kept detail: the file names the agency
# and describes the service, as the directory page does. Never an address, of any
# agency, for anyone: a confidential location's (a shelter's) must not leave the
# agency page, and a file without addresses cannot wipe one when imported back.
RESOURCE_COLUMNS = [
    "key", "agency", "name", "category", "description", "eligibility", "cost", "languages",
    "populations", "accessibility", "id_required", "accepts_trafficking_survivors",
    "accepts_substance_use", "how_to_refer", "phone", "open_24_7", "days", "opens_at",
    "closes_at", "last_verified",
]  # fmt: skip
# The agency's flag and the line staff call instead of going there, on each of its
# rows. Optional on import (files exported before them still import): an empty cell
# leaves the agency as it is.
AGENCY_COLUMNS = ["agency_confidential_location", "agency_intake_line"]
COLUMNS = RESOURCE_COLUMNS + AGENCY_COLUMNS
REQUIRED = RESOURCE_COLUMNS[1:]  # a file without the key column adds every row
FORM_FIELDS = RESOURCE_COLUMNS[2:]
CHOICES: dict[str, type[models.TextChoices]] = {"category": Category, "how_to_refer": HowToRefer}
BOOLEANS = {"id_required", "accepts_trafficking_survivors", "accepts_substance_use", "open_24_7"}
TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
FULL_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MAX_ROWS = 20_000
MAX_ERRORS = 500  # lines listed; the rest are counted
BATCH = 500


class ImportRowForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = FORM_FIELDS


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    agencies: int = 0  # agencies whose confidential location or intake line changed
    errors: list[str] = field(default_factory=list)


def summary(added: int, updated: int, unchanged: int, agencies: int = 0) -> str:
    """What an import did, in words: 1 resource added, 3 updated."""
    text = _resources_summary(added, updated, unchanged)
    if agencies:
        text += " " + ngettext("%(n)d agency updated.", "%(n)d agencies updated.", agencies) % {
            "n": agencies
        }
    return text


def _resources_summary(added: int, updated: int, unchanged: int) -> str:
    said = [
        (n, what)
        for n, what in ((added, "added"), (updated, "updated"), (unchanged, "unchanged"))
        if n
    ]
    if not said:
        return "Nothing imported."
    first, what = said[0]
    words = [f"{first} {'resource' if first == 1 else 'resources'} {what}"]
    return ", ".join(words + [f"{n} {what}" for n, what in said[1:]]) + "."


# --- Export ---------------------------------------------------------------------------


def _cell(resource: Resource, column: str) -> str:
    if column == "key":
        return str(resource.key)
    if column == "agency":
        return resource.agency.name
    if column == "agency_confidential_location":
        return "yes" if resource.agency.confidential_location else "no"
    if column == "agency_intake_line":
        return resource.agency.intake_line
    if column in CHOICES:
        return getattr(resource, f"get_{column}_display")()
    value = getattr(resource, column)
    if column == "days":
        return " ".join(DAY_NAMES[int(d)] if d in DAYS else d for d in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def export(resources: Iterable[Resource]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for resource in resources:
        writer.writerow([spreadsheet_safe(_cell(resource, column)) for column in COLUMNS])
    return out.getvalue()


# --- Import ---------------------------------------------------------------------------


def _text(row: dict, column: str) -> str:
    """A cell as typed, without the apostrophe the export puts before = + - @."""
    value = (row.get(column) or "").strip()
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def _quoted(value: str) -> str:
    return f"“{value if len(value) <= 60 else value[:60] + '…'}”"


def _choice(choices: type[models.TextChoices], value: str) -> str | None:
    """The code of a choice given as its label or its code, in any case and spacing."""
    wanted = " ".join(value.split()).casefold()
    for code, label in choices.choices:
        if wanted in (code.casefold(), str(label).casefold()):
            return code
    return None


def _days(value: str) -> str | None:
    """Days as the model keeps them (Monday 0), from names ("Mon Tue", "monday") or from
    the numbers ("01234", "0 1 2"); None if a word is neither."""
    if not value or value.isdigit():
        return value  # the model checks the numbers
    names = {name.casefold(): str(i) for i, name in enumerate(DAY_NAMES)}
    names |= {name.casefold(): str(i) for i, name in enumerate(FULL_DAY_NAMES)}
    names |= {day: day for day in DAYS}
    words = [word for word in re.split(r"[\s,;/]+", value.casefold()) if word]
    if not all(word in names for word in words):
        return None
    return "".join(names[word] for word in words)


class _Lookups:
    """What the rows refer to, read once for the whole file."""

    def __init__(self, rows: list[tuple[int, dict]]) -> None:
        self.by_pk = Agency.objects.in_bulk()
        self.agencies = {agency.name: pk for pk, agency in self.by_pk.items()}
        self.folded: dict[str, list[int]] = {}
        for name, pk in self.agencies.items():
            self.folded.setdefault(name.casefold(), []).append(pk)
        keys = {key for _, row in rows if (key := _uuid(_text(row, "key")))}
        # Locked until the import is saved: a save in between would be overwritten.
        self.resources = Resource.objects.select_for_update().in_bulk(keys, field_name="key")
        names = {_text(row, "name") for _, row in rows if not _text(row, "key")}
        self.listed = set(Resource.objects.filter(name__in=names).values_list("agency_id", "name"))

    def agency(self, name: str) -> int | None:
        """The agency of that name; in another case only if that names one agency."""
        if name in self.agencies:
            return self.agencies[name]
        found = self.folded.get(name.casefold(), [])
        return found[0] if len(found) == 1 else None


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


TRACKED = [Resource._meta.get_field(name) for name in ["agency", *FORM_FIELDS]]


def _values(resource: Resource) -> list:
    return [getattr(resource, f.attname) for f in TRACKED]


def _read(data: bytes) -> tuple[list[tuple[int, dict]], list[str]]:
    """The file's rows with their numbers in the file (the header is row 1)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [gettext("The file is not UTF-8 text: save it as CSV (UTF-8).")]
    reader = csv.DictReader(io.StringIO(text))
    missing = set(REQUIRED) - set(reader.fieldnames or [])
    if missing:
        return [], [
            gettext("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        ]
    rows = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            return [], [gettext("More than %(most)s rows: split the file.") % {"most": MAX_ROWS}]
        rows.append((number, row))
    if not rows:
        return [], [gettext("The file has no rows under its header.")]
    return rows, []


def import_file(data: bytes, *, by: User) -> ImportResult:
    """Add or update a resource per row, all or nothing. With any error, saves none."""
    rows, errors = _read(data)
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        lookups = _Lookups(rows)
        result, new, changed = ImportResult(), [], []
        seen_keys: dict[uuid.UUID, int] = {}
        seen_names: dict[tuple, int] = {}
        wanted: dict[int, dict[str, tuple]] = {}
        for number, row in rows:
            problems, resource, before = _row(row, number, lookups, seen_keys, seen_names)
            if (agency_id := lookups.agency(_text(row, "agency"))) is not None:
                problems += _agency_cells(row, number, agency_id, lookups, wanted)
            errors += [
                f"Row {number}, {column}: {message}" if column else f"Row {number}: {message}"
                for column, message in problems
            ]
            if problems:
                continue
            if before is None:
                new.append(resource)
            elif _values(resource) != before:
                resource.updated_at = timezone.now()
                changed.append(resource)
            else:
                result.unchanged += 1
        agencies, problems = _agency_changes(wanted, lookups)
        errors += problems
        if errors:
            more = len(errors) - MAX_ERRORS
            tail = [f"… and {more} more problems."] if more > 0 else []
            return ImportResult(errors=errors[:MAX_ERRORS] + tail)
        bulk_create_with_history(new, Resource, batch_size=BATCH, default_user=by)
        fields = ["agency", *FORM_FIELDS, "updated_at"]
        bulk_update_with_history(changed, Resource, fields, batch_size=BATCH, default_user=by)
        if agencies:
            fields = ["confidential_location", "intake_line", "updated_at"]
            bulk_update_with_history(agencies, Agency, fields, batch_size=BATCH, default_user=by)
    result.added, result.updated, result.agencies = len(new), len(changed), len(agencies)
    return result


def _row(
    row: dict, number: int, lookups: _Lookups, seen_keys: dict, seen_names: dict
) -> tuple[list[tuple[str, str]], Resource, list | None]:
    """One row's problems as (column, message), in the file's column order; the resource
    it adds or updates (validated, not saved); and for an update, the values before."""
    problems: list[tuple[str, str]] = []

    def bad(column: str, message: str) -> None:
        problems.append((column, message))

    resource, before = Resource(), None
    key_text = _text(row, "key")
    key = _uuid(key_text)
    if key_text and key not in lookups.resources:
        bad("key", f"{_quoted(key_text)} is not the key of a resource in this directory: "
            "leave it empty to add the row as a new resource.")  # fmt: skip
    elif key in seen_keys:
        bad("key", f"the same key as row {seen_keys[key]}: a resource can be in the file once.")
    elif key:
        resource = lookups.resources[key]
        before = _values(resource)
    if key:
        seen_keys.setdefault(key, number)

    agency_name = _text(row, "agency")
    agency = lookups.agency(agency_name)
    if agency is None:
        bad("agency", f"no agency is named {_quoted(agency_name)}: add it first on the "
            "Agencies page, or correct the name.")  # fmt: skip
    else:
        resource.agency_id = agency

    data = {}
    for column in FORM_FIELDS:
        value = _text(row, column)
        if column in CHOICES and value:
            choices = CHOICES[column]
            code = _choice(choices, value)
            if code is None:
                labels = ", ".join(str(label) for label in choices.labels)
                bad(column, f"{_quoted(value)} is not one of: {labels} (or their codes, "
                    f"such as {choices.values[0]}).")  # fmt: skip
            value = code or value
        elif column in BOOLEANS:
            if value.lower() not in TRUE | FALSE:
                bad(column, f"{_quoted(value)} is not yes or no.")
            value = "on" if value.lower() in TRUE else ""
        elif column == "days":
            days = _days(value)
            if days is None:
                bad(column, f"{_quoted(value)} is not a list of days: use Mon Tue Wed Thu Fri "
                    "Sat Sun, or the numbers 0 (Monday) to 6 (Sunday).")  # fmt: skip
            value = value if days is None else days
        data[column] = value

    form = ImportRowForm(data, instance=resource)
    if not form.is_valid():
        flagged = {column for column, _ in problems}  # said already, in our words
        for column, messages in form.errors.items():
            if column not in flagged:
                for message in messages:
                    bad("" if column == NON_FIELD_ERRORS else column, message)
    if before is None and agency is not None and not problems:
        # A row without a key is a new resource: not one the directory has already
        # (a file exported before there were keys), nor one listed twice.
        name = (agency, resource.name)
        if name in lookups.listed:
            bad("name", f"{_quoted(resource.name)} of {agency_name} is in the directory "
                "already: to change it, import a new export, which gives each resource its "
                "key; to add another, give it another name.")  # fmt: skip
        elif name in seen_names:
            bad("name", f"{_quoted(resource.name)} of {agency_name} is in row "
                f"{seen_names[name]} too: add it once.")  # fmt: skip
        seen_names.setdefault(name, number)
    order = {column: i for i, column in enumerate(COLUMNS)}
    return sorted(problems, key=lambda p: order.get(p[0], len(order))), resource, before


def _agency_cells(row: dict, number: int, agency_id: int, lookups: _Lookups, wanted: dict) -> list:
    """The agency columns of one row as (column, message) problems; what they ask of the
    agency is noted in `wanted` (agency id -> field -> (value, row number)), which the
    other rows of the same agency must agree with. An empty cell asks nothing."""
    problems: list[tuple[str, str]] = []
    agency = lookups.by_pk[agency_id]
    asked = wanted.setdefault(agency_id, {})
    flag_text = _text(row, "agency_confidential_location")
    flag = None
    if flag_text.lower() in TRUE:
        flag = True
    elif flag_text and flag_text.lower() in FALSE:
        flag = False
    elif flag_text:
        message = gettext("%(value)s is not yes or no.") % {"value": _quoted(flag_text)}
        problems.append(("agency_confidential_location", message))
    if flag is False and agency.confidential_location:
        problems.append((
            "agency_confidential_location",
            gettext("%(agency)s is a confidential location: to show its address to staff, unmark "
              "it on its agency page.") % {"agency": agency.name},
        ))  # fmt: skip
        flag = None
    line = _text(row, "agency_intake_line") or None
    max_length = Agency._meta.get_field("intake_line").max_length
    if line is not None and len(line) > max_length:
        message = gettext("longer than %(n)d characters.") % {"n": max_length}
        problems.append(("agency_intake_line", message))
        line = None
    for column, field_name, value in (
        ("agency_confidential_location", "confidential_location", flag),
        ("agency_intake_line", "intake_line", line),
    ):
        if value is None:
            continue
        earlier = asked.get(field_name)
        if earlier is not None and earlier[0] != value:
            problems.append((
                column,
                gettext("row %(row)d gives %(agency)s another answer: give an agency one.")
                % {"row": earlier[1], "agency": agency.name},
            ))  # fmt: skip
        else:
            asked.setdefault(field_name, (value, number))
    return sorted(problems, key=lambda problem: AGENCY_COLUMNS.index(problem[0]))


def _agency_changes(wanted: dict, lookups: _Lookups) -> tuple[list[Agency], list[str]]:
    """The agencies the file changes (not saved), and the problems that stop it: a
    confidential location needs an intake line (Agency.clean), from the file or kept."""
    changed, errors = [], []
    for agency_id, asked in wanted.items():
        if not asked:
            continue
        agency = lookups.by_pk[agency_id]
        flag, flag_row = asked.get("confidential_location", (agency.confidential_location, None))
        line, line_row = asked.get("intake_line", (agency.intake_line, None))
        if flag and not line.strip():
            message = gettext(
                "%(agency)s is a confidential location: give its intake line, the number "
                "staff call instead of its address."
            ) % {"agency": agency.name}
            errors.append(f"Row {flag_row or line_row}, agency_intake_line: {message}")
            continue
        if (flag, line) != (agency.confidential_location, agency.intake_line):
            agency.confidential_location, agency.intake_line = flag, line
            agency.updated_at = timezone.now()
            changed.append(agency)
    return changed, errors

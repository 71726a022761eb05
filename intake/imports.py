"""Moving a center in from another system: its open files, from three CSV files.

clients.csv, contacts.csv and services.csv (their columns: `columns()`, and README
"Moving in from another system") are read row by row through the forms staff use, so a
row is refused for what the page would refuse, in the same words, and saved through the
same services, so the running counts, the service ledger and the history follow as after
a form. All or nothing: one transaction, and any bad row saves nothing; every bad row is
named with its file, row, column and the values allowed.

Each row brought in is remembered (ImportedRecord) by its id in the other system, so
the same files run again create nothing, and files with rows added bring in only those.
Every history row an import writes says where the record came from.
"""

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext, ngettext
from simple_history.signals import pre_create_historical_record

from crisis_center import center, form_tokens, ledger
from crisis_center.models import User
from crisis_center.records import KINDS, Kind
from crisis_center.records.models import TimeGiven
from crisis_center.records.services import record_save
from intake import services
from intake.forms import ClientForm, CrisisContactForm
from intake.models import Classification, Client, CrisisContact, ImportedRecord

FILES = ("clients", "contacts", "services")
SOURCE_LENGTH = 40  # "Imported from <source> (services.csv row 123456)" fits a history reason
MAX_PROBLEMS = 100  # more would bury the first ones; fix these and check again
SEPARATOR = ";"  # between the values of a cell that holds several
BOOLEAN = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
FORMATS = {
    forms.DateTimeField: "Write it as YYYY-MM-DD HH:MM, in the center's time zone.",
    forms.DateField: "Write it as YYYY-MM-DD.",
}
CHOICE_ERRORS = {"invalid_choice", "invalid_pk_value", "invalid_list"}
# Columns of every file, and what each file's rows need beyond what its form asks.
OWN = {
    "clients": ("source_id", "first_contact", "care_team"),
    "contacts": ("source_id", "client_source_id"),
    "services": ("source_id", "client_source_id", "kind"),
}
REQUIRED = {
    "clients": ("source_id", "pseudonym"),
    "contacts": ("source_id", "client_source_id", "started_at"),
    "services": ("source_id", "client_source_id", "kind", "occurred_at"),
}


class Refused(Exception):
    """A whole file refused before any of its rows is read (size, encoding, header)."""


# --- Where a record came from, in its history -----------------------------------------

_reason: ContextVar[str | None] = ContextVar("import_reason", default=None)


@receiver(pre_create_historical_record, dispatch_uid="intake-imports-reason")
def _say_where_from(sender, history_instance, **kwargs) -> None:
    """Every history row written while a row is imported (the client, its
    classifications and care team, a contact, a service) names the file and the row."""
    reason = _reason.get()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


@contextmanager
def _reasoned(reason: str) -> Iterator[None]:
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


# --- The columns ----------------------------------------------------------------------


def service_kinds() -> dict[str, Kind]:
    """The record kinds services.csv may hold: direct services with their own pages
    (medical and legal advocacy, counseling, accompaniment as registered)."""
    return {
        slug: kind
        for slug, kind in sorted(KINDS.items())
        if kind.views
        and kind.editable
        and kind.form is not None
        and issubclass(kind.model, TimeGiven)
        and kind.model in ledger.SOURCES
    }


def _importable(form: forms.BaseForm) -> list[str]:
    """A form's fields a file can fill: not its hidden checks, nor a link to another
    record (the other system's ids mean nothing here), staff and the funder's lists
    excepted, which a file names by username and by code."""
    return [
        name
        for name, f in form.fields.items()
        if name not in ("version", form_tokens.FIELD)
        and not (
            isinstance(f, forms.ModelChoiceField) and f.queryset.model not in (User, Classification)
        )
    ]


def _client_form(instance: Client | None = None) -> ClientForm:
    return ClientForm(MultiValueDict(), instance=instance or Client())


def _contact_form(instance: CrisisContact | None = None) -> CrisisContactForm:
    return CrisisContactForm(MultiValueDict(), instance=instance or CrisisContact())


def _service_form(kind: Kind, instance: models.Model | None = None) -> forms.BaseModelForm:
    return kind.form(MultiValueDict(), instance=instance or kind.model())


def columns() -> dict[str, list[str]]:
    """Each file's columns, in the order of its header template."""
    service_columns: list[str] = []
    for kind in service_kinds().values():
        service_columns += [n for n in _importable(_service_form(kind)) if n not in service_columns]
    return {
        "clients": [*OWN["clients"], *_importable(_client_form())],
        "contacts": [*OWN["contacts"], *_importable(_contact_form())],
        "services": [*OWN["services"], *service_columns],
    }


def header(file: str) -> str:
    """The header row of a file's template."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(columns()[file])
    return out.getvalue()


def _flat(choices) -> Iterator[tuple]:
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group (the funder's service codes A-E)
            yield from _flat(label)
        else:
            yield value, label


def _allowed(f: forms.Field) -> list[str]:
    """What a file may write in a cell of this field."""
    if isinstance(f, forms.BooleanField):
        return ["yes", "no"]
    if isinstance(f, forms.ModelChoiceField):
        if f.queryset.model is User:  # usernames in their own order, not the names'
            return list(f.queryset.order_by("username").values_list("username", flat=True))
        return [str(v) for v in f.queryset.values_list("code", flat=True)]
    choices = getattr(f, "choices", None) or []
    return [str(value) for value, _ in _flat(choices) if value not in ("", None)]


@dataclass(frozen=True)
class Column:
    name: str
    text: str  # what it holds
    allowed: tuple[str, ...] = ()
    required: bool = False
    several: bool = False  # several values, separated by SEPARATOR
    default: str = ""  # what an empty cell is


OWN_TEXT = {
    "source_id": "The row's id in the other system (each id once in the file)",
    "first_contact": "The day of the first contact, YYYY-MM-DD (empty: the day of the import)",
    "care_team": "Usernames of the staff on the care team",
    "client_source_id": "The client's source_id in clients.csv (this import or an earlier one)",
    "kind": "Which kind of service record",
}
SHAPES = {
    forms.DateTimeField: "YYYY-MM-DD HH:MM, the center's time zone",
    forms.DateField: "YYYY-MM-DD",
    forms.IntegerField: "a whole number",
}


def reference() -> dict[str, list[Column]]:
    """Every file's columns with what they hold and the values allowed (the import page
    and `import_records --columns` show it)."""
    kinds = service_kinds()
    by_file = {
        "clients": [_client_form()],
        "contacts": [_contact_form()],
        "services": [_service_form(kind) for kind in kinds.values()],
    }
    described: dict[str, list[Column]] = {}
    for file, names in columns().items():
        described[file] = [
            _own(file, name, kinds)
            if name in OWN[file]
            else _described(file, name, by_file[file], kinds)
            for name in names
        ]
    return described


def _own(file: str, name: str, kinds: dict[str, Kind]) -> Column:
    allowed = tuple(kinds) if name == "kind" else ()
    return Column(
        name, OWN_TEXT[name], allowed, name in REQUIRED[file], several=name == "care_team"
    )


def _described(file: str, name: str, forms_: list, kinds: dict[str, Kind]) -> Column:
    holders = [form for form in forms_ if name in form.fields]
    form = holders[0]
    f = form.fields[name]
    text = str(form[name].label)
    shape = next((s for t, s in SHAPES.items() if isinstance(f, t)), "")
    text += f", {shape}" if shape else ""
    if file == "services" and len(holders) < len(kinds):
        having = [k for k, other in zip(kinds, forms_, strict=True) if name in other.fields]
        text += f" (only {', '.join(having)})"
    initial = form.get_initial_for_field(f, name)
    default = "" if isinstance(initial, list | datetime) or initial is None else str(initial)
    if isinstance(initial, bool):
        default = "yes" if initial else "no"
    if name == "given_by":
        default = "the one importing"
    required = name in REQUIRED[file] or (f.required and not default)
    several = isinstance(f, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    return Column(name, text, tuple(_allowed(f)), required, several, default)


# --- Reading a file -------------------------------------------------------------------


def too_large(name: str, size: int) -> str:
    """Why a file is refused for its size (MAX_DOCUMENT_SIZE), or "" when it is not."""
    if size <= settings.MAX_DOCUMENT_SIZE:
        return ""
    limit = settings.MAX_DOCUMENT_SIZE / (1024 * 1024)
    return f"{name} is larger than {limit:g} MB: import it in parts."


def read(file: str, data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """A file's rows (numbered as a spreadsheet shows them: the header is row 1), and
    what is wrong with single rows. Refused when the file as a whole can't be read."""
    name = f"{file}.csv"
    if refused := too_large(name, len(data)):
        raise Refused(refused)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused(
            f"{name} is not UTF-8 text (byte {error.start + 1} is not): save it from the "
            "spreadsheet as “CSV UTF-8” and try again."
        ) from None
    known = columns()[file]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, problems = [], []
    try:
        names = [h.strip().lower() for h in next(reader, [])]
        if not any(names):
            raise Refused(
                gettext("%(file)s is empty: its first row names the columns.") % {"file": name}
            )
        unknown = [h for h in names if h and h not in known]
        off = {name for field in center.current().turned_off() for name in field.names}
        if uncollected := [h for h in unknown if h in off]:
            raise Refused(
                f"{name} has columns of fields your center does not collect: "
                f"{', '.join(uncollected)}. Remove them from the file (Center settings "
                "lists the fields turned off); nothing was imported."
            )
        if unknown:
            raise Refused(
                gettext(
                    "%(file)s has columns this import does not know: %(unknown)s. "
                    "Its columns are: %(known)s."
                )
                % {"file": name, "unknown": ", ".join(unknown), "known": ", ".join(known)}
            )
        twice = sorted({h for h in names if h and names.count(h) > 1})
        if twice:
            raise Refused(
                gettext("%(file)s names a column twice: %(twice)s.")
                % {"file": name, "twice": ", ".join(twice)}
            )
        missing = [h for h in REQUIRED[file] if h not in names]
        if missing:
            raise Refused(
                gettext("%(file)s has no column %(missing)s: it is needed.")
                % {"file": name, "missing": ", ".join(missing)}
            )
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
                problems.append(
                    f"{name} row {number}: it has {len(cells)} cells, more than the "
                    f"{len(names)} columns the first row names."
                )
                continue
            row = dict(zip(names, cells, strict=False))
            if row.pop("", "").strip():
                problems.append(f"{name} row {number}: a value is under a column with no name.")
                continue
            rows.append((number, {k: v for k, v in row.items() if k}))
    except csv.Error as error:
        raise Refused(f"{name} line {reader.line_num} can't be read as CSV: {error}.") from None
    return rows, problems


# --- The import -----------------------------------------------------------------------


@dataclass
class Outcome:
    dry_run: bool
    new: Counter = field(default_factory=Counter)
    already: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    files: tuple[str, ...] = ()

    @property
    def saved(self) -> bool:
        return not self.problems and not self.dry_run

    def lines(self) -> list[str]:
        """What the page and the command say, naming no client."""
        if self.problems:
            n = len(self.problems)
            return [
                ngettext(
                    "Nothing was imported: %(count)d problem to fix first.",
                    "Nothing was imported: %(count)d problems to fix first.",
                    n,
                )
                % {"count": n}
            ]
        if self.dry_run:
            ready = ", ".join(f"{self.new[f]} {f}" for f in self.files)
            lines = [
                gettext("Ready: %(ready)s. Nothing was saved (a check only).") % {"ready": ready}
            ]
        else:
            lines = []
        return lines + [
            f"{f}.csv: {self.new[f]} new, {self.already[f]} already imported" for f in self.files
        ]


class _TooMany(Exception):
    pass


def digests(file: str, source_id: str) -> list[str]:
    """The keys a row's id may be remembered under: with SECRET_KEY, the first one, and
    with every key it replaced (SECRET_KEY_FALLBACKS), so a rotated key imports nothing
    twice."""
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    value = f"{file}\x00{source_id}"
    return [
        salted_hmac("intake.imports", value, secret=secret, algorithm="sha256").hexdigest()
        for secret in secrets
    ]


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Import:
    def __init__(self, *, source: str, by: User, outcome: Outcome) -> None:
        self.source, self.by, self.outcome = source, by, outcome
        self.clients: dict[str, Client] = {}  # by source id, saved
        self.unsaved: set[str] = set()  # client rows of this run that had problems
        self.users = {u.username: u for u in User.objects.all()}
        self.codes = {(c.kind, c.code): c.pk for c in Classification.objects.filter(active=True)}
        self.remembered: list[ImportedRecord] = []

    # What went wrong -------------------------------------------------------------

    def problem(self, file: str, number: int, column: str | None, message: str) -> None:
        where = f"{file}.csv row {number}" + (f", {column}" if column else "")
        self.outcome.problems.append(f"{where}: {message}")
        if len(self.outcome.problems) >= MAX_PROBLEMS:
            raise _TooMany

    def form_problems(self, form: forms.BaseForm, row: dict[str, str]) -> list:
        """The form's errors as (column, message), a refused value named with the values
        allowed."""
        found = []
        for name, errors in form.errors.as_data().items():
            column = None if name == forms.forms.NON_FIELD_ERRORS else name
            f = form.fields.get(name)
            for error in errors:
                if f is not None and error.code in CHOICE_ERRORS:
                    found.append((column, self._not_allowed(f, row.get(name, ""))))
                    continue
                message = " ".join(error.messages)
                hint = next((h for t, h in FORMATS.items() if isinstance(f, t)), "")
                if error.code == "invalid" and hint:
                    message = f"{message} {hint}"
                found.append((column, message))
        return found

    @staticmethod
    def _not_allowed(f: forms.Field, cell: str) -> str:
        allowed = ", ".join(_allowed(f)) or "(none: no one has what it needs)"
        bad = next((v for v in _values(f, cell) if v not in _allowed(f)), "")
        if not bad:
            return f"left empty, it needs one of: {allowed}"
        return f"{bad!r} is not one of: {allowed}"

    # A row through its form --------------------------------------------------------

    def bound(self, file: str, form: forms.BaseForm, row: dict[str, str], problems: list) -> bool:
        """Fill the form as a person would from the row: a cell left empty is the field
        as the page shows it (but a column the file must fill, such as a contact's
        time, is left empty); usernames and the funder's codes become the ids the form
        takes. Then validate it: whether it is valid."""
        data = MultiValueDict()
        for name in _importable(form):
            f = form.fields[name]
            cell = row.get(name, "").strip()
            if not cell and name in REQUIRED[file]:
                continue
            if not cell:
                initial = form.get_initial_for_field(f, name)
                if isinstance(initial, list | tuple):
                    data.setlist(name, [getattr(v, "pk", v) for v in initial])
                elif initial is not None:
                    data[name] = getattr(initial, "pk", initial)
                continue
            if isinstance(f, forms.BooleanField):
                if cell.lower() not in BOOLEAN:
                    problems.append((name, f"{cell!r} is not one of: yes, no"))
                    continue
                data[name] = BOOLEAN[cell.lower()]
                continue
            values = _values(f, cell)
            if isinstance(f, forms.ModelChoiceField):
                values = [self._id(f, value) for value in values]
            if isinstance(f, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                data.setlist(name, values)
            else:
                data[name] = values[0]
        form.data = data
        return form.is_valid()

    def _id(self, f: forms.ModelChoiceField, value: str) -> str | int:
        """The id a staff member's username or a funder's code stands for; "?" and the
        value for an unknown one, which no id matches (a form would take digits as an id)."""
        if f.queryset.model is User:
            user = self.users.get(value)
            return user.pk if user else f"?{value}"
        return self.codes.get((f.kind, value), f"?{value}")

    # Remembering what was imported --------------------------------------------------

    def imported(self, file: str, ids: Iterable[str]) -> dict[str, int]:
        """Of these source ids, those imported before: the id of the object each became."""
        by_key = {key: sid for sid in ids for key in digests(file, sid)}
        found = {}
        for keys in _chunks(list(by_key)):
            rows = ImportedRecord.objects.filter(source=self.source, file=file, key__in=keys)
            found |= {by_key[k]: pk for k, pk in rows.values_list("key", "object_id")}
        return found

    def remember(self, file: str, source_id: str, obj: models.Model) -> None:
        self.remembered.append(
            ImportedRecord(
                source=self.source,
                file=file,
                key=digests(file, source_id)[0],
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                imported_by=self.by,
            )
        )

    def fresh(self, file: str, rows: list) -> Iterator[tuple[int, str, dict[str, str]]]:
        """The rows not imported before, each with its source id; a row without one,
        or with one an earlier row of the file has, is a problem."""
        before = self.imported(file, [r.get("source_id", "").strip() for _, r in rows])
        seen: dict[str, int] = {}
        for number, row in rows:
            source_id = row.get("source_id", "").strip()
            if not source_id:
                self.problem(file, number, "source_id", "needed: the row's id in the other system.")
            elif source_id in seen:
                self.problem(
                    file, number, "source_id", f"{source_id!r} is also on row {seen[source_id]}."
                )
            elif source_id in before:
                seen[source_id] = number
                self.outcome.already[file] += 1
            else:
                seen[source_id] = number
                yield number, source_id, row

    def reason(self, file: str, number: int) -> str:
        return f"Imported from {self.source} ({file}.csv row {number})"

    # The files ---------------------------------------------------------------------

    def import_clients(self, rows: list) -> None:
        for number, source_id, row in self.fresh("clients", rows):
            problems: list = []
            client = Client(created_by=self.by)
            if first := _first_contact(row.get("first_contact", ""), problems):
                client.created_at = first
            form = _client_form(client)
            valid = self.bound("clients", form, row, problems)
            team = self.staff_named(row.get("care_team", ""), problems)
            problems += self.form_problems(form, row)
            opened = self.save_row(
                "clients", number, source_id, valid, problems,
                partial(_open_file, form=form, team=team, by=self.by),
            )  # fmt: skip
            if opened is None:
                self.unsaved.add(source_id)
            else:
                self.clients[source_id] = opened

    def staff_named(self, cell: str, problems: list) -> list[User]:
        team = []
        for username in _split(cell):
            if username in self.users:
                team.append(self.users[username])
            else:
                problems.append(("care_team", f"{username!r} is no staff member's username."))
        return team

    def load_clients(self, rows: list) -> None:
        """The clients of earlier imports that these rows name."""
        named = {r.get("client_source_id", "").strip() for _, r in rows} - self.clients.keys()
        earlier = self.imported("clients", named - self.unsaved)
        found = Client.objects.in_bulk(list(earlier.values()))
        self.clients |= {sid: found[pk] for sid, pk in earlier.items() if pk in found}

    def client_of(self, file: str, number: int, row: dict) -> tuple[Client | None, bool]:
        """The client a row belongs to, and whether the row is to be checked: the
        contacts and services of a client row that has problems are checked too."""
        source_id = row.get("client_source_id", "").strip()
        client = self.clients.get(source_id)
        if client is not None and not client.purged_at:
            return client, True
        if source_id in self.unsaved:
            return None, True
        if client is not None:
            message = f"{source_id!r} is a file that was purged: nothing is added to it."
        elif source_id:
            message = f"{source_id!r} is neither in clients.csv nor already imported."
        else:
            message = "needed: the client's source_id."
        self.problem(file, number, "client_source_id", message)
        return None, False

    def import_contacts(self, rows: list) -> None:
        self.load_clients(rows)
        for number, source_id, row in self.fresh("contacts", rows):
            client, check = self.client_of("contacts", number, row)
            if not check:
                continue
            problems: list = []
            form = _contact_form(CrisisContact(client=client, advocate=self.by))
            valid = self.bound("contacts", form, row, problems)
            problems += self.form_problems(form, row)
            save = partial(services.contact_save, contact=form.instance, by=self.by)
            self.save_row("contacts", number, source_id, valid and client is not None,
                          problems, save)  # fmt: skip

    def import_services(self, rows: list) -> None:
        self.load_clients(rows)
        kinds = service_kinds()
        for number, source_id, row in self.fresh("services", rows):
            client, check = self.client_of("services", number, row)
            slug = row.get("kind", "").strip()
            kind = kinds.get(slug)
            if kind is None:
                message = f"{slug!r} is not one of: " if slug else "needed, one of: "
                self.problem("services", number, "kind", message + ", ".join(kinds))
                continue
            if not check:
                continue
            problems: list = []
            form = _service_form(kind, kind.model(client=client or Client(), created_by=self.by))
            own = {*_importable(form), *OWN["services"]}
            problems += [
                (name, f"a {kind.title.lower()} record has none: leave it empty.")
                for name, cell in row.items()
                if cell.strip() and name not in own
            ]
            valid = self.bound("services", form, row, problems)
            problems += self.form_problems(form, row)
            save = partial(kind.save or _record_save, form, self.by)
            self.save_row("services", number, source_id, valid and client is not None,
                          problems, save)  # fmt: skip

    def save_row(
        self,
        file: str,
        number: int,
        source_id: str,
        valid: bool,
        problems: list,
        save: Callable[[], models.Model],
    ) -> models.Model | None:
        """Save a valid row through its service, its history saying where it came from;
        name the row's problems, the ones only the model finds included."""
        saved = None
        if valid and not problems:
            with _reasoned(self.reason(file, number)):
                try:
                    saved = save()
                except ValidationError as error:
                    problems += _problems(error)
        for column, message in problems:
            self.problem(file, number, column, message)
        if saved is not None:
            self.remember(file, source_id, saved)
            self.outcome.new[file] += 1
        return saved


@transaction.atomic
def _open_file(*, form: ClientForm, team: list[User], by: User) -> Client:
    """A client file with its classifications and care team, through the services the
    client form and the care team page use: all of it or none."""
    client = services.client_create(
        client=form.instance, classifications=form.chosen_classifications(), by=by
    )
    for staff in team:
        try:
            services.care_team_add(client=client, staff=staff, by=by)
        except ValidationError as error:  # the care team page's words (untrained, a coordinator)
            raise ValidationError({"care_team": error.messages}) from None
    return client


def _record_save(form: forms.BaseModelForm, by: User) -> models.Model:
    return record_save(record=form.instance, by=by)


def _problems(error: ValidationError) -> list[tuple[str | None, str]]:
    """What only the model checks (a rule on a field the form does not show), as
    (column, message)."""
    if not hasattr(error, "error_dict"):
        return [(None, message) for message in error.messages]
    return [
        (None if name == forms.forms.NON_FIELD_ERRORS else name, message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(SEPARATOR) if v.strip()]


def _values(f: forms.Field, cell: str) -> list[str]:
    several = isinstance(f, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    return _split(cell) if several else [cell.strip()]


def _first_contact(cell: str, problems: list) -> datetime | None:
    """The day of the first contact, as the file opened on it: local midnight."""
    if not cell.strip():
        return None
    try:
        day = forms.DateField().clean(cell.strip())
    except ValidationError as error:
        problems.append(("first_contact", f"{' '.join(error.messages)} {FORMATS[forms.DateField]}"))
        return None
    if day > timezone.localdate():
        problems.append(("first_contact", gettext("A first contact can't be in the future.")))
        return None
    if day < date(1900, 1, 1):
        problems.append(("first_contact", gettext("Enter a year after 1900.")))
        return None
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def run(*, source: str, files: dict[str, bytes], by: User, dry_run: bool = False) -> Outcome:
    """Import the files given (by name: clients, contacts, services), as `by`, from the
    system named `source`: all of it, or nothing and the problems. A dry run checks
    everything, the save included, and keeps nothing."""
    with center.remembered():  # the fields collected, read once for every row's form
        return _run(source=source, files=files, by=by, dry_run=dry_run)


def _run(*, source: str, files: dict[str, bytes], by: User, dry_run: bool) -> Outcome:
    given = tuple(f for f in FILES if files.get(f) is not None)
    outcome = Outcome(dry_run=dry_run, files=given)
    source = source.strip()
    if not source or len(source) > SOURCE_LENGTH:
        outcome.problems.append(
            gettext("Name the system the files come from, in at most %(most)s characters.")
            % {"most": SOURCE_LENGTH}
        )
    if not given:
        outcome.problems.append(
            gettext("Give at least one file: clients.csv, contacts.csv, services.csv.")
        )
    rows = {}
    for file in given:
        try:
            rows[file], problems = read(file, files[file])
        except Refused as refused:
            outcome.problems.append(str(refused))
        else:
            outcome.problems += problems
    if outcome.problems:
        return outcome
    with transaction.atomic():
        work = _Import(source=source, by=by, outcome=outcome)
        try:
            for file in given:
                getattr(work, f"import_{file}")(rows[file])
        except _TooMany:
            outcome.problems.append(
                f"Stopped after {MAX_PROBLEMS} problems: fix these and check again."
            )
        if outcome.problems or dry_run:
            transaction.set_rollback(True)
        else:
            ImportedRecord.objects.bulk_create(work.remembered, batch_size=500)
    return outcome

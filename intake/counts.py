"""Running counts, kept as records are saved: what the caseload dashboard reads.

Every number on the dashboard counts records of a center that grows (files by status,
contacts this week, screenings with concerns, follow-ups due, each staff member's active
clients), so counting them on each view reads more rows the larger the center. They are
kept instead: each count is a Measure, a name, a model, a Q saying which records count
and what they count under (a day, or a staff member), and that one definition is all
there is. `recount` groups by it in SQL; a save adds to the counts with it in SQL too:
just before a save or delete, one INSERT ... SELECT ... ON CONFLICT DO UPDATE per counts
table takes away what the record contributes as the database has it (its row locked on
PostgreSQL, so that no other writer changes it in between), and just after, the same
statement adds what it contributes now. No count is worked out a second time in Python,
so a count cannot mean one thing when recounted and another when kept.

A measure whose Q reads through a foreign key (a care-team assignment counts while its
client's file is active) is kept when the row it reads changes too: that follows from
the Q, nothing is declared for it.

Writes that bypass save() and delete(): QuerySet.update() on a counted model keeps the
counts itself (intake/updates.py: its querysets' update() runs inside changing()); a
bulk load (intake/scale.py) ends with rebuild(). `manage.py recount`
rebuilds every count from the records, `recount --check` lists where they differ.

When what a count means changes (a new measure, another Q), nobody writes a data
migration: the definitions' fingerprint is stored, and `migrate` (post_migrate)
rebuilds every count when it differs (intake/derived.py).
"""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.db.models.signals import post_save, pre_delete, pre_save

from intake import updates
from intake.choices import ClientStatus
from intake.models import (
    AWAITING_REVIEW_Q,
    CareTeamMember,
    Client,
    CrisisContact,
    DerivedFingerprint,
    EmergencyAccess,
    RunningCount,
    Screening,
    StaffCaseload,
)
from intake.screening import concern_q

NO_DAY = date(1, 1, 1)  # where counts without a day are kept (files by status)


class Day(NamedTuple):
    name: str
    day: date


class Staff(NamedTuple):
    staff_id: int


Key = Day | Staff


@dataclass(frozen=True)
class Measure:
    """One count: the records of `model` that match `where`, counted under `name` on the
    day of `day` (a date, or a moment's day in the center's time zone; NO_DAY when None),
    or, for a caseload, under the staff member `staff` names."""

    name: str
    model: type[models.Model]
    where: Q
    day: str | None = None
    staff: str | None = None

    @property
    def table(self) -> type[models.Model]:
        return StaffCaseload if self.staff else RunningCount

    def rows(self, records: models.QuerySet) -> models.QuerySet:
        """(name, key) of each record of `records` that counts."""
        if self.staff:
            key = F(self.staff)
        elif self.day is None:
            key = Value(NO_DAY, output_field=models.DateField())
        elif isinstance(self.model._meta.get_field(self.day), models.DateTimeField):
            key = TruncDate(self.day)  # in the current (the center's) time zone
        else:
            key = F(self.day)
        where = self.where & Q(**{f"{self.day}__isnull": False}) if self.day else self.where
        return (
            records.filter(where)
            .order_by()
            .annotate(counted_name=Value(self.name), counted_key=key)
            .values("counted_name", "counted_key")
        )

    def recount(self) -> Iterator[tuple[Key, int]]:
        """Every key's count, grouped in SQL."""
        rows = self.rows(self.model._base_manager.all()).annotate(total=Count("pk"))
        for row in rows.values_list("counted_key", "total"):
            yield self.key(row[0]), row[1]

    def key(self, value) -> Key:
        return Staff(value) if self.staff else Day(self.name, value)

    def reads_through(self) -> Iterator[models.ForeignKey]:
        """The foreign keys whose rows `where` reads (client__status: the client)."""
        for lookup in _lookups(self.where):
            first, _, rest = lookup.partition(LOOKUP_SEP)
            field = self.model._meta.get_field(first)
            if field.is_relation and rest:
                name = rest.split(LOOKUP_SEP)[0]
                if name not in field.get_lookups() and name not in ("pk", "id"):
                    yield field


def _lookups(q: Q) -> Iterator[str]:
    for child in q.children:
        if isinstance(child, Q):
            yield from _lookups(child)
        else:
            yield child[0]


EVERY = Q()  # a Q that every record matches


def dated(name: str, model: type[models.Model], day: str, where: Q = EVERY) -> Measure:
    """Records of `model` matching `where`, counted on their `day`."""
    return Measure(name, model, where, day=day)


# --- Keeping them -------------------------------------------------------------------

MEASURES: list[Measure] = []
# For each model whose saves change counts: how to find the counted records a change to
# some of its rows (given as a queryset) reaches, with the measures they count in.
REACHES: dict[type[models.Model], list] = defaultdict(list)
COUNTED: set[type[models.Model]] = set()  # models that kept counts depend on


def register(model: type[models.Model], *measures: Measure) -> None:
    """Count `model`'s records (apps call this in AppConfig.ready()): its saves, deletes
    and QuerySet.update() keep the measures' counts from then on, and so do those of any
    model a measure's Q reads through a foreign key."""
    for measure in measures:
        if measure.model is not model:
            raise ValueError(f"{measure.name} counts {measure.model}, not {model}")
        MEASURES.append(measure)
        REACHES[model].append((lambda rows: rows, measure))
        _keep(model)
        for fk in measure.reads_through():
            REACHES[fk.related_model].append(
                (lambda rows, fk=fk: model._base_manager.filter(**{f"{fk.name}__in": rows}),
                 measure)
            )  # fmt: skip
            _keep(fk.related_model)


def _keep(model: type[models.Model]) -> None:
    if model in COUNTED:
        return
    COUNTED.add(model)
    uid = f"counts-{model._meta.label_lower}"
    pre_save.connect(_before, sender=model, dispatch_uid=uid)
    pre_delete.connect(_before, sender=model, dispatch_uid=uid)
    post_save.connect(_after, sender=model, dispatch_uid=uid)
    updates.on_update(model, changing)


def _add(rows: models.QuerySet, sign: int, *, reach: bool = True) -> None:
    """Add (sign 1) or take away (sign -1) what the records of `rows` count, and, with
    `reach`, what the records whose Q reads them count: one statement per counts table."""
    lock = connection.in_atomic_block and connection.features.has_select_for_update
    parts = defaultdict(list)
    for through, measure in REACHES[rows.model]:
        if not reach and measure.model is not rows.model:
            continue
        counted = measure.rows(through(rows))
        if lock:  # FOR UPDATE on PostgreSQL: the records and the rows their Q reads
            counted = counted.select_for_update()
        parts[measure.table].append(counted.query.sql_with_params())
    for table, selects in sorted(parts.items(), key=lambda item: item[0].__name__):
        _upsert(table, selects, sign)


def _upsert(table: type[models.Model], selects: list[tuple[str, tuple]], sign: int) -> None:
    # INSERT ... SELECT ... ON CONFLICT DO UPDATE: the same statement on SQLite (3.24 and
    # later) and PostgreSQL, an addition in the database, never a read then a write; keys
    # in order, so two writers take the rows' locks in the same order and wait for each
    # other instead of deadlocking.
    q = connection.ops.quote_name
    name = table._meta.db_table
    union = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) AS part{i}"  # noqa: S608  # nosec B608  (Django's SQL)
        for i, (sql, _) in enumerate(selects)
    )
    params = [p for _, part in selects for p in part]
    if table is StaffCaseload:
        columns, total = [q("staff_id")], q("clients")
        keys = "counted_key"
    else:
        columns, total = [q("name"), q("day")], q("n")
        keys = "counted_name, counted_key"
    sql = (
        f"INSERT INTO {q(name)} ({', '.join(columns)}, {total}) "  # noqa: S608  # nosec B608
        f"SELECT {keys}, COUNT(*) * %s FROM ({union}) AS counted WHERE 1 = 1 "
        f"GROUP BY {keys} ORDER BY {keys} "
        f"ON CONFLICT ({', '.join(columns)}) "
        f"DO UPDATE SET {total} = {q(name)}.{total} + excluded.{total}"
    )  # names come from the models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [sign, *params])


def _before(sender, instance, raw=False, signal=None, **kwargs) -> None:
    if raw or instance.pk is None:  # loaddata (recount makes them), or a new record
        return
    # A record deleted takes its own counts away; those that read it through a foreign
    # key are deleted with it (their own signals) or protect it.
    _add(sender._base_manager.filter(pk=instance.pk), -1, reach=signal is pre_save)


def _after(sender, instance, raw=False, signal=None, **kwargs) -> None:
    if not raw and signal is post_save:
        _add(sender._base_manager.filter(pk=instance.pk), 1)


@contextmanager
def changing(rows: models.QuerySet) -> Iterator[None]:
    """Around a write that bypasses save() and delete(), such as QuerySet.update() of
    `rows`: the counts follow what it changed. (A counted model's own update() runs
    inside it: intake/updates.py.)"""
    if rows.model not in COUNTED:
        yield
        return
    if getattr(connection, "counts_changing", False):
        # The outer one would take away and add again what this one does: twice.
        raise RuntimeError("changing() inside changing(): a write would be counted twice")
    rows = rows._chain()
    if connection.in_atomic_block and connection.features.has_select_for_update:
        rows = rows.select_for_update()
    pks = list(models.QuerySet.values_list(rows, "pk", flat=True))
    found = rows.model._base_manager.filter(pk__in=pks)
    if pks:
        _add(found, -1)
    connection.counts_changing = True
    try:
        yield
    finally:
        connection.counts_changing = False
    if pks:
        _add(found, 1)


# --- Reading them -------------------------------------------------------------------


def sums(spans: dict[str, tuple[date, date]]) -> dict[str, int]:
    """Each name's count summed over its days, first to last included: one query that
    reads at most a row per name and day."""
    where = Q()
    for name, (first, last) in spans.items():
        where |= Q(name=name, day__range=(first, last))
    found = dict(
        RunningCount.objects.filter(where).order_by().values_list("name").annotate(total=Sum("n"))
    )
    return {name: found.get(name, 0) for name in spans}


def by_week_or_month(name: str, first: date, last: date, *, month: bool) -> dict[date, int]:
    """One name's count per week (starting Monday) or per month from `first` to `last`
    included, keyed by the week's Monday or the month's first day: one grouped query that
    reads at most a row per day (the dashboard's trend charts)."""
    start = TruncMonth("day") if month else TruncWeek("day")
    rows = (
        RunningCount.objects.filter(name=name, day__range=(first, last))
        .order_by()
        .annotate(start=start)
        .values_list("start")
        .annotate(total=Sum("n"))
    )
    return {_as_date(start): total for start, total in rows}


def _as_date(value) -> date:
    # A truncated DateField comes back a date; some backends give a datetime.
    return value.date() if isinstance(value, datetime) else value


def measure(name: str) -> Measure:
    """The registered measure counted under `name` (its records are the list behind
    the count); LookupError when there is none."""
    for found in MEASURES:
        if found.name == name:
            return found
    raise LookupError(name)


def records(found: Measure, first: date, last: date) -> models.QuerySet:
    """The records `found` counts on the days `first` to `last`: the same Q as the count,
    so the list behind a number is the number. Not yet narrowed to what a user may see."""
    rows = found.model._default_manager.filter(found.where)
    if found.day is None:
        return rows
    field = found.model._meta.get_field(found.day)
    if isinstance(field, models.DateTimeField):  # its day in the center's time zone
        return rows.filter(**{f"{found.day}__date__range": (first, last)})
    return rows.filter(**{f"{found.day}__range": (first, last)})


def caseloads() -> models.QuerySet:
    """Staff with active clients, the largest caseload first, then by last name and
    username: the index gives the counts in order, and only each run of equal counts
    is sorted by name."""
    return (
        StaffCaseload.objects.filter(clients__gt=0)
        .values("staff_id", "staff__first_name", "staff__last_name", "staff__username", "clients")
        .order_by("-clients", "staff__last_name", "staff__username")
    )


# --- Rebuilding and checking --------------------------------------------------------


def counted() -> Counter:
    """Every count worked out afresh from the records, in grouped queries."""
    total = Counter()
    for measure in MEASURES:
        for key, n in measure.recount():
            total[key] += n
    return Counter({key: n for key, n in total.items() if n})


def kept() -> Counter:
    """The counts as kept (zeros left out: a count that went back to zero keeps its row)."""
    days = RunningCount.objects.exclude(n=0).values_list("name", "day", "n")
    staff = StaffCaseload.objects.exclude(clients=0).values_list("staff_id", "clients")
    return Counter(
        {**{Day(name, day): n for name, day, n in days}, **{Staff(s): n for s, n in staff}}
    )


def _hold(mode: str) -> None:
    """On PostgreSQL, wait for the writers that are adding to the counts and keep new
    ones out until this transaction ends (SQLite has one writer at a time anyway)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(
            connection.ops.quote_name(m._meta.db_table) for m in (RunningCount, StaffCaseload)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN {mode} MODE")


@transaction.atomic
def rebuild() -> int:
    """Replace every count with one worked out from the records (after a bulk load, or a
    repair). Returns how many counts are kept."""
    _hold("EXCLUSIVE")
    RunningCount.objects.all().delete()
    StaffCaseload.objects.all().delete()
    fresh = counted()
    RunningCount.objects.bulk_create(
        [RunningCount(name=k.name, day=k.day, n=n) for k, n in fresh.items() if isinstance(k, Day)],
        batch_size=1000,
    )
    StaffCaseload.objects.bulk_create(
        [StaffCaseload(staff_id=k.staff_id, clients=n) for k, n in fresh.items()
         if isinstance(k, Staff)],
        batch_size=1000,
    )  # fmt: skip
    DerivedFingerprint.objects.update_or_create(
        name=FINGERPRINT, defaults={"fingerprint": fingerprint()}
    )
    return len(fresh)


@transaction.atomic
def differences() -> list[tuple[Key, int, int]]:
    """(key, kept, counted from the records) wherever the two differ."""
    _hold("SHARE")
    have, fresh = kept(), counted()
    wrong = [(key, have[key], fresh[key]) for key in have.keys() | fresh.keys()]
    return sorted((row for row in wrong if row[1] != row[2]), key=lambda row: str(row[0]))


# --- When a count's meaning changes -------------------------------------------------

FINGERPRINT = "running_counts"


def fingerprint() -> str:
    """What the counts mean, as the SQL that recounts them (a changed Q, field, name or
    measure changes it; the time zone too: counts are kept per local day)."""
    parts = []
    for measure in sorted(MEASURES, key=lambda m: (m.name, m.model._meta.label)):
        sql, params = measure.rows(measure.model._base_manager.all()).query.sql_with_params()
        values = [str(p) for p in params]
        parts.append(f"{measure.model._meta.label}|{measure.staff}|{sql}|{values}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# --- What intake counts -------------------------------------------------------------

FILES = {status: f"clients.{status}" for status in ClientStatus.values}  # by status
OPENED = "clients.opened"
CONTACTS = "contacts"
ANONYMOUS = "contacts.anonymous"
CONCERNS = "screenings.concerning"
AWAITING_REVIEW = "emergency.awaiting_review"
CASELOAD = "caseload"  # a staff member's active clients (StaffCaseload)

register(
    Client,
    *(Measure(name, Client, Q(status=status)) for status, name in FILES.items()),
    dated(OPENED, Client, "created_at"),
)
register(
    CareTeamMember,
    # An active assignment to an active file: on the staff member's caseload.
    Measure(
        CASELOAD, CareTeamMember, Q(ended_at__isnull=True, client__status=ClientStatus.ACTIVE),
        staff="staff_id",
    ),
)  # fmt: skip
register(
    CrisisContact,
    dated(CONTACTS, CrisisContact, "started_at"),
    dated(ANONYMOUS, CrisisContact, "started_at", Q(client__isnull=True)),
)
register(Screening, dated(CONCERNS, Screening, "screened_at", concern_q()))
register(EmergencyAccess, Measure(AWAITING_REVIEW, EmergencyAccess, AWAITING_REVIEW_Q))

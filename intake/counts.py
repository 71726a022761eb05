"""Running counts, kept as records are saved: what the caseload dashboard reads.

Every number on the dashboard counts records of a center that grows (files by status,
contacts this week, screenings with concerns, follow-ups due, each staff member's active
clients), so counting them on each view reads more rows the larger the center. They are
kept instead, the way the service ledger is (service_ledger.py): each counted model
registers what one record contributes, a few keys, each a name and a day (RunningCount)
or a staff member (StaffCaseload), and signals keep the counts whatever path saves a
record (form, admin, factory). Just before a save or delete the record's values are read
from the database, its row locked on PostgreSQL so that no other writer changes it in
between (not the values the instance was loaded with, which another writer may have
changed since); just after, read again (a new record's, from the instance); the
difference of what it contributes is added in one INSERT ... ON CONFLICT DO UPDATE per
table, in the same transaction. A sum over days
(this week, the last 30 days, due by today) then reads rows bounded by the calendar,
not by the records.

Writes that bypass save() and delete(): a QuerySet.update() runs inside changing(); a
bulk load (intake/scale.py) ends with rebuild(). `manage.py recount` rebuilds every
count from the records, `recount --check` lists where they differ.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from intake.choices import ClientStatus
from intake.models import (
    CareTeamMember,
    Client,
    CrisisContact,
    EmergencyAccess,
    RunningCount,
    Screening,
    StaffCaseload,
)
from intake.screening import CONCERN_FIELDS, concern_q, raises_concern

NO_DAY = date(1, 1, 1)  # where counts without a day are kept (files by status)


class Day(NamedTuple):
    name: str
    day: date


class Staff(NamedTuple):
    staff_id: int


Key = Day | Staff


@dataclass(frozen=True)
class Measure:
    """One thing a model's records count towards."""

    # The values keys() reads, through foreign keys that cannot be null too
    # ("client__status"): reading them locks the rows they come from.
    fields: tuple[str, ...]
    keys: Callable[[dict], Iterable[Key]]  # what one record (its values) contributes
    recount: Callable[[], Iterable[tuple[Key, int]]]  # every key's count, grouped in SQL


@dataclass
class Counted:
    measures: list[Measure] = field(default_factory=list)
    # Records whose contribution reads this model's values (a care team member's reads
    # its client's status): counted again when one of these records changes.
    dependents: Callable[[models.QuerySet], models.QuerySet] | None = None

    @property
    def fields(self) -> list[str]:
        return sorted({name for measure in self.measures for name in measure.fields})

    def keys(self, row: dict) -> Iterator[Key]:
        for measure in self.measures:
            yield from measure.keys(row)


COUNTED: dict[type[models.Model], Counted] = {}


def register(model: type[models.Model], *measures: Measure, dependents=None) -> None:
    """Count `model`'s records (apps call this in AppConfig.ready()): its saves and
    deletes keep the measures' counts from then on."""
    if model not in COUNTED:
        COUNTED[model] = Counted()
        uid = f"counts-{model._meta.label_lower}"
        pre_save.connect(_before, sender=model, dispatch_uid=uid)
        pre_delete.connect(_before, sender=model, dispatch_uid=uid)
        post_save.connect(_after, sender=model, dispatch_uid=uid)
        post_delete.connect(_after, sender=model, dispatch_uid=uid)
    COUNTED[model].measures.extend(measures)
    if dependents is not None:
        COUNTED[model].dependents = dependents


EVERY = Q()  # a Q that every record matches


def dated(
    name: str, model: type[models.Model], day: str, where: Q = EVERY,
    holds: Callable[[dict], bool] | None = None, reads: Iterable[str] = (),
) -> Measure:  # fmt: skip
    """Records counted on a day (a date field, or a moment's day in the center's time
    zone) when they match `where`. `holds` is the same test on a record's values, and
    `reads` the values it needs; both are worked out from `where` when it is plain."""
    moment = isinstance(model._meta.get_field(day), models.DateTimeField)
    if holds is None:
        holds, reads = _test_of(model, where)

    def keys(row: dict) -> Iterator[Key]:
        if row[day] is not None and holds(row):
            yield Day(name, timezone.localdate(row[day]) if moment else row[day])

    def recount() -> Iterator[tuple[Key, int]]:
        rows = (
            model._base_manager.filter(where, **{f"{day}__isnull": False})
            .annotate(counted_on=TruncDate(day) if moment else F(day))
            .order_by()
            .values_list("counted_on")
            .annotate(total=Count("pk"))
        )
        return ((Day(name, on), n) for on, n in rows)

    return Measure((day, *reads), keys, recount)


PLAIN_TESTS: dict[str, Callable[[object, object], bool]] = {
    "exact": lambda value, wanted: value == wanted,
    "in": lambda value, wanted: value in wanted,
    "isnull": lambda value, wanted: (value is None) == wanted,
}


def _test_of(model: type[models.Model], where: Q) -> tuple[Callable[[dict], bool], tuple]:
    """`where` as a test on a record's values, and the values it reads: for a Q of this
    model's own fields, each compared with a plain value by exact, in or isnull, all of
    them ANDed. Any other Q needs its test written out: refused here, not guessed."""
    tests = [_plain_test(model, child) for child in where.children]
    if where.negated or where.connector != Q.AND or None in tests:
        raise ValueError(f"write out the test for {where!r}")

    def holds(row: dict) -> bool:
        return all(test(row[attname], wanted) for attname, test, wanted in tests)

    return holds, tuple(attname for attname, _, _ in tests)


def _plain_test(model: type[models.Model], child) -> tuple | None:
    """(attname, test, value) of one `field__lookup=value` of a Q; None if not plain."""
    if not isinstance(child, tuple) or isinstance(child[1], models.Model):
        return None
    name, _, lookup = child[0].partition("__")
    test = PLAIN_TESTS.get(lookup or "exact")
    return (model._meta.get_field(name).attname, test, child[1]) if test else None


# --- Keeping them -------------------------------------------------------------------


def _read(rows: models.QuerySet) -> tuple[list, Counter]:
    """The primary keys of `rows` and what they contribute, as the database has them now."""
    counted = COUNTED[rows.model]
    if connection.in_atomic_block:  # outside a transaction there is nothing to hold
        # FOR UPDATE on PostgreSQL: of the record and of the rows its values come from
        # (a care-team assignment's client), so that a concurrent change to either waits.
        rows = rows.select_for_update()
    pks, total = [], Counter()
    for row in rows.values("pk", *counted.fields):
        pks.append(row["pk"])
        total.update(counted.keys(row))
    return pks, total


def _snapshot(rows: models.QuerySet) -> tuple[list[models.QuerySet], Counter]:
    """What the records of `rows`, and the records depending on them, contribute; with
    querysets that find the same records again afterwards."""
    found, total = [], Counter()
    while rows is not None:
        pks, counts = _read(rows)
        total.update(counts)
        again = rows.model._base_manager.filter(pk__in=pks)
        found.append(again)
        dependents = COUNTED[rows.model].dependents
        rows = dependents(again) if dependents and pks else None
    return found, total


def _difference(found: list[models.QuerySet], before: Counter) -> Counter:
    after = Counter()
    for rows in found:
        after.update(_read(rows)[1])
    after.subtract(before)
    return after


def _before(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the fixture brings its counts, or `recount` makes them
        return
    if instance.pk is None:  # a new record: it contributed nothing yet
        instance._counted_before = [], Counter()
        return
    instance._counted_before = _snapshot(sender._base_manager.filter(pk=instance.pk))


def _after(sender, instance, raw=False, created=False, update_fields=None, **kwargs) -> None:
    found, before = instance.__dict__.pop("_counted_before", ([], None))
    if before is None:
        return
    row = _as_inserted(instance) if created and update_fields is None else None
    if row is not None:  # nothing to read back: what was inserted is in hand
        delta = Counter(COUNTED[sender].keys(row))
        delta.subtract(before)
        add(delta)
        return
    # A new record was not there to find before the save.
    found = [sender._base_manager.filter(pk=instance.pk), *found[1:]]
    add(_difference(found, before))


def _as_inserted(instance: models.Model) -> dict | None:
    """A new record's counted values as the database took them, from the instance
    itself: the write path staff use most (logging a contact) reads nothing back. None
    when only the database can say: a value through a foreign key, an expression, a
    moment without a time zone."""
    row = {"pk": instance.pk}
    for name in COUNTED[type(instance)].fields:
        if "__" in name:
            return None
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        if hasattr(value, "resolve_expression"):
            return None
        value = field.to_python(value)
        if isinstance(value, datetime) and timezone.is_naive(value):
            return None
        row[name] = value
    return row


@contextmanager
def changing(rows: models.QuerySet) -> Iterator[None]:
    """Around a write that bypasses save() and delete(), such as QuerySet.update() of
    `rows`: the counts follow what it changed."""
    found, before = _snapshot(rows)
    yield
    add(_difference(found, before))


def add(delta: Counter) -> None:
    """Add to the counts: one statement per table, keys in order (two writers take the
    rows' locks in the same order, so they wait for each other instead of deadlocking)."""
    days = sorted((key, n) for key, n in delta.items() if n and isinstance(key, Day))
    staff = sorted((key.staff_id, n) for key, n in delta.items() if n and isinstance(key, Staff))
    if days:
        _upsert(RunningCount, ("name", "day"), "n", [(*key, n) for key, n in days])
    if staff:
        _upsert(StaffCaseload, ("staff_id",), "clients", staff)


def _upsert(model: type[models.Model], unique: tuple, total: str, rows: list[tuple]) -> None:
    # INSERT ... ON CONFLICT DO UPDATE: the same statement on SQLite (3.24 and later) and
    # PostgreSQL, and an atomic addition in the database, never a read then a write.
    ops = connection.ops
    fields = [model._meta.get_field(name) for name in (*unique, total)]
    values = [
        f.get_db_prep_save(v, connection) for row in rows for f, v in zip(fields, row, strict=True)
    ]
    table = ops.quote_name(model._meta.db_table)
    names = [ops.quote_name(f.column) for f in fields]
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES {', '.join([one] * len(rows))} "  # noqa: S608 # nosec B608
        f"ON CONFLICT ({', '.join(names[:-1])}) "
        f"DO UPDATE SET {names[-1]} = {table}.{names[-1]} + excluded.{names[-1]}"
    )  # names come from the models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


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
    for entry in COUNTED.values():
        for measure in entry.measures:
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
    return len(fresh)


@transaction.atomic
def differences() -> list[tuple[Key, int, int]]:
    """(key, kept, counted from the records) wherever the two differ."""
    _hold("SHARE")
    have, fresh = kept(), counted()
    wrong = [(key, have[key], fresh[key]) for key in have.keys() | fresh.keys()]
    return sorted((row for row in wrong if row[1] != row[2]), key=lambda row: str(row[0]))


# --- What intake counts -------------------------------------------------------------

FILES = {status: f"clients.{status}" for status in ClientStatus.values}  # by status
OPENED = "clients.opened"
CONTACTS = "contacts"
ANONYMOUS = "contacts.anonymous"
CONCERNS = "screenings.concerning"
AWAITING_REVIEW = "emergency.awaiting_review"


def _by_status() -> Iterator[tuple[Key, int]]:
    rows = Client.objects.order_by().values_list("status").annotate(n=Count("pk"))
    return ((Day(FILES[status], NO_DAY), n) for status, n in rows)


def _caseloads() -> Iterator[tuple[Key, int]]:
    rows = (
        CareTeamMember.objects.active()
        .filter(client__status=ClientStatus.ACTIVE)
        .order_by()
        .values_list("staff_id")
        .annotate(n=Count("pk"))
    )
    return ((Staff(staff_id), n) for staff_id, n in rows)


def _on_caseload(row: dict) -> Iterator[Key]:
    # An active assignment to an active file: on the staff member's caseload.
    if row["ended_at"] is None and row["client__status"] == ClientStatus.ACTIVE:
        yield Staff(row["staff_id"])


def _awaiting_review() -> Iterator[tuple[Key, int]]:
    yield Day(AWAITING_REVIEW, NO_DAY), EmergencyAccess.objects.awaiting_review().count()


register(
    Client,
    Measure(("status",), lambda row: [Day(FILES[row["status"]], NO_DAY)], _by_status),
    dated(OPENED, Client, "created_at"),
    dependents=lambda clients: CareTeamMember.objects.active().filter(client__in=clients),
)
register(
    CareTeamMember, Measure(("staff_id", "ended_at", "client__status"), _on_caseload, _caseloads)
)
register(
    CrisisContact,
    dated(CONTACTS, CrisisContact, "started_at"),
    dated(ANONYMOUS, CrisisContact, "started_at", Q(client__isnull=True)),
)
register(
    Screening,
    dated(CONCERNS, Screening, "screened_at", concern_q(), raises_concern, CONCERN_FIELDS),
)
register(
    EmergencyAccess,
    Measure(
        ("reviewed_at",),
        lambda row: [Day(AWAITING_REVIEW, NO_DAY)] if row["reviewed_at"] is None else [],
        _awaiting_review,
    ),
)

"""Bulk loading for synthetic data at scale: the run in progress, the apps' registry,
and multi-row INSERTs.

`intake/scale.py` fills a database with three years of a busy center (`manage.py
seed_scale`, the benchmarks in bench/); the apps that hang off intake add their records
through EXTENSIONS (`register` in their AppConfig.ready()), each called with the run in
progress. This module imports no app: the service-ledger rows a record would write come
with the run (Scale.ledger_rows).
"""

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Max
from django.utils import timezone


@dataclass
class File:
    """A client file this run added, as the extensions need it."""

    id: int
    opened: datetime
    staff_id: int  # the advocate who opened it: on its care team (ended once closed)
    is_open: bool
    long_term: bool = False


@dataclass
class Scale:
    """The run in progress: randomness, staff, and the files added so far."""

    rng: random.Random
    now: datetime
    # The service-ledger rows a saved record would write (bulk inserts send no signals).
    ledger_rows: Callable[[models.Model, ContentType], Iterable[models.Model]]
    advocates: list[int] = field(default_factory=list)
    counselors: list[int] = field(default_factory=list)  # advocates with counseling hours
    supervisors: list[int] = field(default_factory=list)
    files: list[File] = field(default_factory=list)
    # A sample of the anonymous contacts added: (id, advocate, started).
    anonymous: list[tuple[int, int, datetime]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    _next_id: dict = field(default_factory=dict)

    def moment(self, after: datetime, days: float) -> datetime:
        """A moment in the `days` after `after`, never in the future."""
        end = min(self.now, after + timedelta(days=days))
        return after + (end - after) * self.rng.random() if end > after else after

    def ids(self, model: type[models.Model], n: int) -> range:
        """Primary keys for n new rows (set explicitly, so records can point at them)."""
        if model not in self._next_id:
            self._next_id[model] = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        first = self._next_id[model]
        self._next_id[model] = first + n
        return range(first, first + n)

    def insert(self, objs: Iterable[models.Model]) -> None:
        for model, n in insert(objs).items():
            self.counts[model._meta.label] += n

    def insert_with_ledger(self, objs: list[models.Model]) -> None:
        """Records that count as services, and the ledger rows their save would write."""
        if not objs:
            return
        model = type(objs[0])
        if objs[0].pk is None:
            for obj, pk in zip(objs, self.ids(model, len(objs)), strict=True):
                obj.pk = pk
        self.insert(objs)
        content_type = ContentType.objects.get_for_model(model)
        self.insert(row for obj in objs for row in self.ledger_rows(obj, content_type))

    def staff_for(self, file: File, counseling: bool = False) -> int:
        """Who logs a record: mostly the advocate of the file, else a colleague."""
        pool = self.counselors if counseling else self.advocates
        if file.staff_id in pool and self.rng.random() < 0.8:
            return file.staff_id
        return self.rng.choice(pool or self.supervisors)

    def pick(self, share: float) -> list[File]:
        """A share of the files added; every long-term file is among them."""
        return [f for f in self.files if f.long_term or self.rng.random() < share]


# Filled by the apps in AppConfig.ready(): each adds its records for the files.
EXTENSIONS: list[Callable[[Scale], None]] = []


def register(seed: Callable[[Scale], None]) -> None:
    EXTENSIONS.append(seed)


def insert(objs: Iterable[models.Model]) -> Counter:
    """Multi-row INSERTs of unsaved model instances, values adapted as the ORM adapts
    them: the fastest portable way to load millions of rows. Rows keep the primary key
    they were given; without one, the database assigns it. No signals, no history."""
    counts: Counter = Counter()
    batch: list[models.Model] = []
    limit = 0
    for obj in objs:
        if batch and type(obj) is not type(batch[0]):
            counts[type(batch[0])] += _flush(batch)
        if not batch:
            # SQLite allows 32766 parameters a statement (3.32 and later), PostgreSQL 65535.
            limit = max(1, 30_000 // len(_columns(obj)))
        batch.append(obj)
        if len(batch) >= limit:
            counts[type(batch[0])] += _flush(batch)
    if batch:
        counts[type(batch[0])] += _flush(batch)
    return counts


def _columns(obj: models.Model) -> list[models.Field]:
    fields = obj._meta.concrete_fields
    return [f for f in fields if not (f.primary_key and obj.pk is None)]


# Values the database drivers take as they are: no adapting per value.
AS_IS = {
    "AutoField", "BigAutoField", "BooleanField", "CharField", "TextField", "ForeignKey",
    "OneToOneField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField",
}  # fmt: skip


def _adapter(field: models.Field, db) -> Callable | None:
    """How the ORM adapts a field's values for the database, looked up once a column."""
    kind = field.get_internal_type()
    if kind in AS_IS:
        return None
    if kind == "DateTimeField":
        return db.ops.adapt_datetimefield_value
    if kind == "DateField":
        return db.ops.adapt_datefield_value
    return lambda value: field.get_db_prep_save(value, db)


def _flush(batch: list[models.Model]) -> int:
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the per-thread proxy
    columns = _columns(batch[0])
    now = timezone.now()
    plan = [
        (f.attname, _adapter(f, db), now if getattr(f, "auto_now", False) else None)
        for f in columns
    ]
    values = []
    append = values.append
    for obj in batch:
        row = obj.__dict__
        for attname, adapt, default in plan:
            value = row[attname]
            if value is None:
                value = default
            append(adapt(value) if adapt and value is not None else value)
    table = db.ops.quote_name(batch[0]._meta.db_table)
    names = ", ".join(db.ops.quote_name(f.column) for f in columns)
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with db.cursor() as cursor:
        # Names come from the model, values are parameters.
        sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([row_sql] * len(batch))}"  # noqa: S608 # nosec B608
        cursor.execute(sql, values)
    n = len(batch)
    batch.clear()
    return n

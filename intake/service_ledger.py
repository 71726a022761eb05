"""The service ledger: which funder service codes each logged service counts as.

shared/funder_reports.md: every service staff log carries the codes it counts as,
with sensible defaults and editable on the form. A record's `service_codes` holds the
codes staff chose; left empty, the record counts as its type's default (which follows
the record: a medical call-out becomes B2 when the advocate stayed for the exam).

Each record kind is registered in crisis_center.ledger (by crisis_center.records);
saving or deleting one rewrites its ServiceDelivery rows, whatever path saved it (form,
admin, factory).
"""

import hashlib
import inspect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from crisis_center import ledger
from crisis_center.ledger import SOURCES, ServiceSource, codes_of
from intake import updates
from intake.choices import ServiceCode
from intake.models import CrisisContact, DerivedFingerprint, ServiceDelivery


def _day(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def rows_for(obj: models.Model, content_type: ContentType) -> list[ServiceDelivery]:
    source = SOURCES[type(obj)]
    on = _day(source.date(obj))
    return [
        ServiceDelivery(
            client_id=source.client_id(obj),
            contact_id=source.contact_id(obj),
            on=on,
            code=code,
            category=ServiceCode(code).category,
            source_type=content_type,
            source_id=obj.pk,
        )
        for code in codes_of(obj)
    ]


def sync(objs: Iterable[models.Model], *, created: bool = False) -> None:
    """Rewrite the ledger rows of some records of one type: nothing when they already
    hold what the records count as (an edit of a note), only the INSERT for records just
    created (they have no rows yet)."""
    objs = list(objs)
    if not objs:
        return
    content_type = ContentType.objects.get_for_model(type(objs[0]))
    wanted = [row for obj in objs for row in rows_for(obj, content_type)]
    if not created:
        kept = ServiceDelivery.objects.filter(
            source_type=content_type, source_id__in=[o.pk for o in objs]
        )
        if sorted(map(_fact, kept)) == sorted(map(_fact, wanted)):
            return
        _delete(kept)
    ServiceDelivery.objects.bulk_create(wanted, batch_size=1000)


def _fact(row: ServiceDelivery) -> tuple:
    return (row.source_id, row.code, row.on, row.category, row.client_id, row.contact_id)


def _delete(rows: models.QuerySet) -> None:
    # Derived rows nothing refers to: one DELETE, without a read for signals first.
    rows._raw_delete(rows.db)


def _saved(sender, instance, raw=False, created=False, **kwargs) -> None:
    if not raw:
        sync([instance], created=created)


def _deleted(sender, instance, **kwargs) -> None:
    _delete(
        ServiceDelivery.objects.filter(
            source_type=ContentType.objects.get_for_model(sender), source_id=instance.pk
        )
    )


def _connect(source: ServiceSource) -> None:
    uid = f"service-ledger-{source.model._meta.label_lower}"
    post_save.connect(_saved, sender=source.model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=source.model, dispatch_uid=uid)
    updates.on_update(source.model, _resyncing)


FOLLOWERS: dict[type[models.Model], list[Callable]] = defaultdict(list)


@contextmanager
def _resyncing(rows: models.QuerySet) -> Iterator[None]:
    """Around a QuerySet.update() of `rows` (intake/updates.py): afterwards, the ledger
    rows of the records updated, of the records following them (follow()), and of the
    records given on an updated crisis contact (a referral counts the contact's client)
    are written again."""
    pks = list(models.QuerySet.values_list(rows, "pk", flat=True))
    yield
    if not pks:
        return
    model = rows.model
    updated = model._base_manager.filter(pk__in=pks)
    if model in SOURCES:
        sync(updated)
    for records in FOLLOWERS[model]:
        for obj in updated:
            sync(records(obj))
    if model is CrisisContact:
        given = defaultdict(set)
        on_contacts = ServiceDelivery.objects.filter(contact_id__in=pks)
        for type_id, source_id in on_contacts.values_list("source_type_id", "source_id"):
            given[type_id].add(source_id)
        for type_id, ids in given.items():
            source = ContentType.objects.get_for_id(type_id).model_class()
            if source is not CrisisContact:
                sync(source._base_manager.filter(pk__in=ids))


def rebuild() -> int:
    """Rewrite the whole ledger from the records (after a bulk load or a data repair)."""
    _delete(ServiceDelivery.objects.all())
    count = 0
    for model in SOURCES:
        content_type = ContentType.objects.get_for_model(model)
        for start in range(0, model._default_manager.count(), 5000):
            objs = model._default_manager.order_by("pk")[start : start + 5000]
            rows = [row for obj in objs for row in rows_for(obj, content_type)]
            ServiceDelivery.objects.bulk_create(rows, batch_size=1000)
            count += len(rows)
    DerivedFingerprint.objects.update_or_create(
        name=FINGERPRINT, defaults={"fingerprint": fingerprint()}
    )
    return count


def differences() -> list[tuple]:
    """The ledger rows that differ from a rebuild's: (source, code, day, category,
    client, contact) with how many times kept and how many wanted."""
    kept, wanted = Counter(), Counter()
    for row in ServiceDelivery.objects.all():
        kept[(row.source_type_id, *_fact(row))] += 1
    for model in SOURCES:
        content_type = ContentType.objects.get_for_model(model)
        for obj in model._default_manager.all():
            for row in rows_for(obj, content_type):
                wanted[(row.source_type_id, *_fact(row))] += 1
    return sorted(
        (fact, kept[fact], wanted[fact]) for fact in kept.keys() | wanted.keys()
        if kept[fact] != wanted[fact]
    )  # fmt: skip


# --- When what a record counts as changes -------------------------------------------

FINGERPRINT = "service_ledger"


def fingerprint() -> str:
    """What the ledger means: the code of every source's date, defaults and links, and
    the codes' categories (a changed default changes it; so does reformatting one,
    which costs a rebuild and nothing else)."""
    parts = [repr([(code.value, code.category) for code in ServiceCode])]
    for model, source in sorted(SOURCES.items(), key=lambda item: item[0]._meta.label):
        parts.append(model._meta.label)
        for part in (source.date, source.defaults, source.client_id, source.contact_id):
            try:
                parts.append(inspect.getsource(part))
            except (OSError, TypeError):  # no source to read: its name, at least
                parts.append(getattr(part, "__qualname__", repr(part)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


ledger.on_register(_connect)


def follow(model: type[models.Model], records: Callable[[models.Model], Iterable]) -> None:
    """Resync the records that take their date from another row when that row is saved."""

    def _resync(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            sync(records(instance))

    post_save.connect(
        _resync, sender=model, weak=False, dispatch_uid=f"service-ledger-{model._meta.label_lower}"
    )
    FOLLOWERS[model].append(records)
    updates.on_update(model, _resyncing)

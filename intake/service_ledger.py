"""The service ledger: which funder service codes each logged service counts as.

shared/funder_reports.md: every service staff log carries the codes it counts as,
with sensible defaults and editable on the form. A record's `service_codes` holds the
codes staff chose; left empty, the record counts as its type's default (which follows
the record: a medical call-out becomes B2 when the advocate stayed for the exam).

Each record kind is registered in crisis_center.ledger (by crisis_center.records);
saving or deleting one rewrites its ServiceDelivery rows, whatever path saved it (form,
admin, factory).
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from crisis_center import ledger
from crisis_center.ledger import SOURCES, ServiceSource, codes_of, describe, register
from intake.choices import ServiceCode
from intake.models import ServiceDelivery

__all__ = ["SOURCES", "ServiceSource", "codes_of", "describe", "register"]


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


def sync(objs: Iterable[models.Model]) -> None:
    """Rewrite the ledger rows of some records of one type."""
    objs = list(objs)
    if not objs:
        return
    content_type = ContentType.objects.get_for_model(type(objs[0]))
    ServiceDelivery.objects.filter(
        source_type=content_type, source_id__in=[o.pk for o in objs]
    ).delete()
    ServiceDelivery.objects.bulk_create(
        [row for obj in objs for row in rows_for(obj, content_type)], batch_size=1000
    )


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        sync([instance])


def _deleted(sender, instance, **kwargs) -> None:
    ServiceDelivery.objects.filter(
        source_type=ContentType.objects.get_for_model(sender), source_id=instance.pk
    ).delete()


def _connect(source: ServiceSource) -> None:
    uid = f"service-ledger-{source.model._meta.label_lower}"
    post_save.connect(_saved, sender=source.model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=source.model, dispatch_uid=uid)


def rebuild() -> int:
    """Rewrite the whole ledger from the records (after a bulk load or a data repair)."""
    ServiceDelivery.objects.all().delete()
    count = 0
    for model in SOURCES:
        content_type = ContentType.objects.get_for_model(model)
        for start in range(0, model._default_manager.count(), 5000):
            objs = model._default_manager.order_by("pk")[start : start + 5000]
            rows = [row for obj in objs for row in rows_for(obj, content_type)]
            ServiceDelivery.objects.bulk_create(rows, batch_size=1000)
            count += len(rows)
    return count


ledger.on_register(_connect)


def follow(model: type[models.Model], records: Callable[[models.Model], Iterable]) -> None:
    """Resync the records that take their date from another row when that row is saved."""

    def _resync(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            sync(records(instance))

    post_save.connect(
        _resync, sender=model, weak=False, dispatch_uid=f"service-ledger-{model._meta.label_lower}"
    )

"""The service ledger: which funder service codes each logged service counts as.

shared/funder_reports.md: every service staff log carries the codes it counts as,
with sensible defaults and editable on the form. A record's `service_codes` holds the
codes staff chose; left empty, the record counts as its type's default (which follows
the record: a medical call-out becomes B2 when the advocate stayed for the exam).

Each app registers its service records in AppConfig.ready(); saving or deleting one
rewrites its ServiceDelivery rows, whatever path saved it (form, admin, factory).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from intake.choices import ServiceCode
from intake.models import CrisisContact, ServiceDelivery


@dataclass(frozen=True)
class ServiceSource:
    model: type[models.Model]
    date: Callable[[models.Model], date | datetime]
    defaults: Callable[[models.Model], list[str]]
    client_id: Callable[[models.Model], int | None] = lambda obj: obj.client_id
    contact_id: Callable[[models.Model], int | None] = lambda obj: None


SOURCES: dict[type[models.Model], ServiceSource] = {}


def codes_of(obj: models.Model) -> list[str]:
    """The codes a record counts as: the ones staff chose, or its type's default."""
    source = SOURCES[type(obj)]
    return list(getattr(obj, "service_codes", None) or source.defaults(obj))


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


def register(source: ServiceSource) -> None:
    SOURCES[source.model] = source
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


# The contact's own defaults (shared/funder_reports.md "How the records feed it").
IN_PERSON = {"walk_in", "outreach", "other"}


def contact_defaults(contact: CrisisContact) -> list[str]:
    codes = []
    if contact.channel == "hospital":
        codes.append(ServiceCode.B1)
    if "crisis_intervention" in contact.services or "safety_planning" in contact.services:
        if contact.channel in ("hotline_call", "text_chat"):
            codes.append(ServiceCode.C2)
        elif contact.channel in IN_PERSON:
            codes.append(ServiceCode.C1)
        else:
            codes.append(ServiceCode.C3)  # on scene at the hospital
    if "information_referral" in contact.services:
        codes.append(ServiceCode.A4)
    if "advocacy" in contact.services:
        codes.append(ServiceCode.B4)
    if contact.interpreter_used:
        codes.append(ServiceCode.B10)
    return codes


register(
    ServiceSource(
        model=CrisisContact,
        date=lambda c: c.started_at,
        defaults=contact_defaults,
        contact_id=lambda c: c.pk,
    )
)


def follow(model: type[models.Model], records: Callable[[models.Model], Iterable]) -> None:
    """Resync the records that take their date from another row when that row is saved."""

    def _resync(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            sync(records(instance))

    post_save.connect(
        _resync, sender=model, weak=False, dispatch_uid=f"service-ledger-{model._meta.label_lower}"
    )


def describe(obj: models.Model) -> str:
    """What a record counts as, for its page: "C2, A4 (the usual for this record)"."""
    codes = ", ".join(codes_of(obj)) or "nothing"
    return codes if getattr(obj, "service_codes", None) else f"{codes} (the usual for this record)"

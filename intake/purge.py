"""Purging a client's identifying data (DESIGN.md rule 9).

Every model with a foreign key to the client is found through the app registry, so a
record type added later is purged too without touching this module. What stays: the
client row and its records as de-identified facts (dates, coded choices, durations,
victimization types, service categories) so reports give the same numbers, and a
tombstone. What goes: every free-text and identifying field, every history row, and the
client's id in the access log.
"""

from contextlib import nullcontext
from datetime import date

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from crisis_center.models import AccessLog, User
from intake import counts
from intake.choices import AgeRange, ClientStatus
from intake.models import Client, PurgeRecord, ServiceDelivery, compact_search_index
from intake.reports import AGE_BLOCKS, Period

PURGED = "[purged]"
_TEXT = (models.CharField, models.TextField)


def _scrubbed_values(model: type[models.Model], keep: set[str] = frozenset()) -> dict:
    """Blank every free-text field of a model (coded choices stay: reports count them)."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in keep or field.choices or not isinstance(field, _TEXT):
            continue
        values[field.attname] = "" if field.blank else PURGED
    return values


def _linked_models() -> list[tuple[type[models.Model], str]]:
    """(model, field name) for every non-history model with a foreign key to Client."""
    found = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or model is Client:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is Client:
                found.append((model, field.name))
    return found


def _age_range(client: Client) -> str:
    """Keep the age block reports need before the date of birth is destroyed.

    Reports take the age at first service in the fiscal year; the block kept is the one
    of the fiscal year of the client's latest service, so that year's reports still add
    up (an earlier year's can move if a birthday crossed a block boundary in between).
    """
    dob = client.date_of_birth
    if not dob:
        return client.age_range
    served = ServiceDelivery.objects.filter(client=client).order_by("on")
    latest = served.values_list("on", flat=True).last()
    day = date.today()
    if latest:
        fy_start = Period.containing(latest).fy_start
        day = served.filter(on__gte=fy_start).values_list("on", flat=True).first()
    age = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
    for upper, block in AGE_BLOCKS:
        if age <= upper:
            return block
    return AgeRange.AGE_60_UP


@transaction.atomic
def purge_client(*, client: Client, by: User, reason: str) -> PurgeRecord:
    client = Client.objects.select_for_update().get(pk=client.pk)
    for model, field in _linked_models():
        rows = model._default_manager.filter(**{field: client})
        values = _scrubbed_values(model)
        if values:
            # Updates pass by save(): running counts that read a scrubbed field follow.
            with counts.changing(rows) if model in counts.COUNTED else nullcontext():
                models.QuerySet.update(rows, **values)
        history = getattr(model, "history", None)
        if history is not None:
            # Rows of the time it was linked to this client, and every row of a record
            # linked to it now: a contact's rows from before it was linked (anonymous)
            # or moved here (from another client) hold its note too.
            pk = model._meta.pk.attname
            history.model.objects.filter(
                Q(**{f"{field}_id": client.pk}) | Q(**{f"{pk}__in": rows.values("pk")})
            ).delete()
    Client.history.model.objects.filter(id=client.pk).delete()
    values = _scrubbed_values(Client, keep={"pseudonym"})
    # The file is closed and leaves every caseload: files by status and caseloads follow.
    with counts.changing(Client.objects.filter(pk=client.pk)):
        Client.objects.filter(pk=client.pk).update(
            **values,
            pseudonym=f"Purged client {client.pk}",
            date_of_birth=None,
            age_range=_age_range(client),
            status=ClientStatus.CLOSED,
            purged_at=timezone.now(),
        )
        compact_search_index()
        # The tombstone is for supervisors.
        client.care_team.filter(ended_at__isnull=True).update(ended_at=timezone.now(), ended_by=by)
    AccessLog.objects.scrub_client(client.pk)
    return PurgeRecord.objects.create(client=client, purged_by=by, reason=reason)


def retention_due(today: date | None = None):
    """Closed clients whose last change is older than CLIENT_RETENTION_YEARS, not purged."""
    today = today or timezone.localdate()
    cutoff = today.replace(year=today.year - settings.CLIENT_RETENTION_YEARS)
    return Client.objects.filter(
        status=ClientStatus.CLOSED, purged_at__isnull=True, updated_at__date__lt=cutoff
    ).order_by("updated_at")

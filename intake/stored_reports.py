"""Reports counted once and looked at many times.

A quarter's report counts every service given in the quarter: at a center of 100,000
clients that is a hundred times the rows of a small one, and half a second. Supervisors
look at a report, switch between quarters, download it, look again: each look after the
first reads the stored counts, one row. The page says when it was counted and has a
button to count again now.

Stored counts are not shown once they may be wrong: any save or delete of a record
(post_save, post_delete, m2m_changed of the project's models) marks every stored report
out of date, in the same transaction as the change; and a count older than
REPORT_MAX_AGE_MINUTES is counted again whatever happened, which bounds what a write
that bypasses the models (a QuerySet.update) or two transactions crossing can leave.
"""

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timedelta

from django.apps import apps as global_apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from simple_history.models import HistoricalChanges

from crisis_center.reports import Block, Period, local_midnight
from intake.models import StoredReport

# The apps whose records reports count (and the staff, whose training is counted).
COUNTED_APPS = {"crisis_center", "intake", "advocacy", "referrals", "collaboration"}


def counted(
    name: str, period: Period, count: Callable[[Period], list[Block]], *, again: bool = False
) -> tuple[list[Block], datetime]:
    """The report's blocks for the period and when they were counted: the stored ones if
    still current, else counted now (and stored). `again` counts now in any case."""
    now = timezone.now()
    # The moments the counts depend on, as the settings have them now (fiscal year start,
    # time zone): a count stored under other settings is another period's.
    where = {
        "name": name,
        "year_starts_at": local_midnight(period.fy_start),
        "starts_at": period.starts_at,
        "ends_at": period.ends_at,
    }
    if not again:
        oldest = now - timedelta(minutes=settings.REPORT_MAX_AGE_MINUTES)
        stored = StoredReport.objects.filter(**where, current=True, counted_at__gt=oldest).first()
        if stored is not None:
            return [_block(data) for data in stored.blocks], stored.counted_at
    blocks = count(period)
    # One INSERT ... ON CONFLICT DO UPDATE: two supervisors counting at once both store.
    StoredReport.objects.bulk_create(
        [StoredReport(**where, blocks=[_stored(b) for b in blocks], counted_at=now)],
        update_conflicts=True,
        unique_fields=list(where),
        update_fields=["blocks", "counted_at", "current"],
    )
    _unmark()  # bulk_create sends no signal
    return blocks, now


def _stored(block: Block) -> dict:
    """The block as JSON holds it: its labels (translated lazily) as the text they are
    now, in the language of the request that counted it."""
    return json.loads(json.dumps(asdict(block), cls=DjangoJSONEncoder))


def _block(data: dict) -> Block:
    return Block(**{**data, "rows": [tuple(row) for row in data["rows"]]})


# Derived from records whose own save already marks the reports.
DERIVED = {"intake.StoredReport", "intake.RunningCount", "intake.StaffCaseload",
           "intake.ServiceDelivery", "intake.DerivedFingerprint"}  # fmt: skip


def out_of_date(sender, **kwargs) -> None:
    """A record changed: no stored report may be shown again without counting. Once
    per transaction: a save that writes several rows (the record, its links) marks
    them once."""
    if sender is StoredReport:  # a report stored now: a change after it marks it again
        _unmark()
    elif (
        sender._meta.apps is global_apps  # not a migration's model of a past state
        and sender._meta.app_label in COUNTED_APPS
        and sender._meta.label not in DERIVED
        and not issubclass(sender, HistoricalChanges)  # saved with a record, not alone
        and not _marked()
    ):
        # Touches only rows still current: after the first change, a no-op that waits
        # on no one.
        StoredReport.objects.filter(current=True).update(current=False)
        if connection.in_atomic_block:
            transaction.on_commit(_mark)


def _mark() -> None:
    """On the commit list while this transaction's mark holds: a savepoint rolled back
    takes its mark away with it (Django drops its callbacks), and so does the end of the
    transaction."""


def _unmark() -> None:
    """A report stored in this transaction is current: a change after it marks again."""
    connection.run_on_commit = [e for e in connection.run_on_commit if e[1] is not _mark]


def _marked() -> bool:
    return connection.in_atomic_block and any(
        func is _mark for _, func, _ in connection.run_on_commit
    )


def forget(using: str, apps=None, **kwargs) -> None:
    """After migrations, count everything afresh: what is counted, or how, may differ.
    (`flush` sends the same signal without the migrated state.)"""
    if apps is None:
        return  # flush: the table is empty already
    try:
        stored = apps.get_model("intake", "StoredReport")
    except LookupError:  # migrated back to before there were stored reports
        return
    stored.objects.using(using).all().delete()


def connect(app_config) -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(out_of_date, dispatch_uid=f"stored_reports_{id(signal)}")
    post_migrate.connect(forget, sender=app_config, dispatch_uid="stored_reports_forget")

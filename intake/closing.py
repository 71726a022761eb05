"""Closing a client's file and reopening it (issue 21).

Closing asks why, and what the client leaves with (who they can call, what is still
open); the file's status follows in the same transaction, through the client's save, so
the running counts of files by status and the caseloads follow too (intake/counts.py).
Reopening keeps the closure row and marks it reopened: the earlier episode stays on
the client page. Every change writes history rows (the closure's and the client's).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from crisis_center import panels
from crisis_center.models import User
from crisis_center.records.services import record_save
from intake.choices import (
    STABILITY_FIELDS,
    CheckPoint,
    ClientStatus,
    ClosureReason,
    StabilityLevel,
)
from intake.models import Client, FileClosure, StabilityCheck

ALREADY_CLOSED = gettext_lazy("This file is already closed: nothing was saved.")
NOT_CLOSED = gettext_lazy("This file is open: there is nothing to reopen.")
PURGED = gettext_lazy(
    "This file was purged: it can't be closed or reopened. Open a new file instead."
)
NO_RELEASE = gettext_lazy(
    "A transfer shares the client's file: record their release of information for the "
    "agency first (on the client page), then close the file."
)
# A file closed before closings were recorded (or by a purge) that is reopened: its
# closure is recorded then, saying so.
NOT_RECORDED = "Closed before closing reasons were recorded."

# Whether a client has a release of information valid on a day. Releases are kept by
# the referrals app, which says so here (intake imports none of the apps that hang off it).
_release_checks: list[Callable[[Client, date], bool]] = []


def releases_from(check: Callable[[Client, date], bool]) -> None:
    _release_checks.append(check)


def has_release(client: Client, day: date) -> bool:
    return any(check(client, day) for check in _release_checks)


def current_closure(client: Client) -> FileClosure | None:
    """The closure of a closed file (None while it is open, or if none was recorded)."""
    if client.status != ClientStatus.CLOSED:
        return None
    return FileClosure.objects.filter(client=client, reopened_at__isnull=True).first()


def _locked(client: Client) -> Client:
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.purged_at:
        raise ValidationError(PURGED)
    return locked


def _set_status(client: Client, status: str, by: User, reason: str) -> None:
    client.status = status
    client._history_user = by
    client._change_reason = reason
    client.save(update_fields=["status", "updated_at"])


@transaction.atomic
def close_file(
    *, client: Client, closure: FileClosure, stability: StabilityCheck | None, by: User
) -> FileClosure:
    """Close the file with its reason and aftercare plan, and the stability answers
    given at closing (`stability`, saved when it holds any answer). ValidationError, and
    nothing saved, when the file is closed already or a transfer has no release."""
    locked = _locked(client)
    if locked.status == ClientStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    if closure.reason == ClosureReason.TRANSFERRED and not has_release(locked, closure.closed_on):
        raise ValidationError(NO_RELEASE)
    closure.client = locked
    record_save(record=closure, by=by)
    if stability is not None and any(
        getattr(stability, name) != StabilityLevel.NOT_ASKED for name in STABILITY_FIELDS
    ):
        stability.client, stability.point = locked, CheckPoint.CLOSING
        stability.asked_on = closure.closed_on
        record_save(record=stability, by=by)
    _set_status(locked, ClientStatus.CLOSED, by, "File closed")
    client.status = locked.status
    return closure


@transaction.atomic
def closure_update(*, closure: FileClosure, by: User) -> FileClosure:
    """Correct the current closure (its reason, its aftercare plan) while the file is
    closed."""
    locked = _locked(closure.client)
    if closure.reopened_at or locked.status != ClientStatus.CLOSED:
        raise ValidationError(NOT_CLOSED)
    if closure.reason == ClosureReason.TRANSFERRED and not has_release(locked, closure.closed_on):
        raise ValidationError(NO_RELEASE)
    return record_save(record=closure, by=by)


@transaction.atomic
def reopen_file(*, client: Client, reason: str, by: User) -> FileClosure:
    """Open a closed file again: its closure stays, marked reopened (when, by whom, why)."""
    locked = _locked(client)
    if locked.status != ClientStatus.CLOSED:
        raise ValidationError(NOT_CLOSED)
    closure = FileClosure.objects.filter(client=locked, reopened_at__isnull=True).first()
    if closure is None:  # closed with no closure recorded
        closure = FileClosure(
            client=locked,
            closed_on=timezone.localdate(locked.updated_at),
            reason=ClosureReason.OTHER,
            reason_other=NOT_RECORDED,
        )
    closure.reopened_at, closure.reopened_by, closure.reopen_reason = timezone.now(), by, reason
    record_save(record=closure, by=by)
    _set_status(locked, ClientStatus.ACTIVE, by, "File reopened")
    client.status = locked.status
    return closure


# The client page -------------------------------------------------------------------

EPISODES_SHOWN = 20


@dataclass(frozen=True)
class Episode:
    """A spell of service: from opening (or reopening) to closing, if closed."""

    opened_at: datetime | None  # None: before the earliest closure shown
    closure: FileClosure | None


def client_panel(request: HttpRequest, client: Client) -> panels.Panel:
    """The file's state and its episodes, newest first: one query."""
    closures = list(
        client.closures.select_related("created_by", "reopened_by").order_by("-id")[
            : EPISODES_SHOWN + 1
        ]
    )
    more = len(closures) > EPISODES_SHOWN
    closures = closures[:EPISODES_SHOWN][::-1]
    episodes, opened = [], None if more else client.created_at
    for closure in closures:
        episodes.append(Episode(opened, closure))
        opened = closure.reopened_at
    current = None
    if client.status == ClientStatus.CLOSED and closures and not closures[-1].reopened_at:
        current = closures[-1]
    else:
        episodes.append(Episode(opened, None))  # the file as it is now
    context = {
        "client": client,
        "current": current,
        "episodes": episodes[::-1],
        "more": more,
        "closed": client.status == ClientStatus.CLOSED,
    }
    return panels.Panel("intake/panels/file.html", context)

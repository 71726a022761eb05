"""Writes every record kind shares: validated first, saved as the acting user.

simple-history takes the acting user from the request (HistoryRequestMiddleware);
services set `_history_user` too, so commands and tests record the right person.
"""

from django.db import models

from crisis_center.models import User


def save_as(obj: models.Model, by: User) -> models.Model:
    """Validate, then save with `by` as the history row's user."""
    obj.full_clean()
    obj._history_user = by
    obj.save()
    return obj


def record_save(*, record: models.Model, by: User) -> models.Model:
    """Save a client record (screening, safety plan, advocacy...) as `by`, validated
    first; whoever adds it is its author."""
    if record._state.adding:
        record.created_by = by
    return save_as(record, by)

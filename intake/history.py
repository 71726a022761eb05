"""Reading django-simple-history rows as "who changed which field from what to what"."""

from dataclasses import dataclass

from django.db import models

from intake.models import Client

# Bookkeeping fields that change on every save and say nothing to a reader.
_IGNORED = ["updated_at"]


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    record: models.Model
    changes: list[FieldChange]


def _display(field: models.Field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def field_changes(client: Client, records: list) -> list[HistoryEntry]:
    """Pair each history record (newest first) with the one before it and list the diffs.

    `records` is one page; the record older than the page's last costs one query.
    """
    if not records:
        return []
    older = records[1:] + [records[-1].prev_record]
    entries = []
    for record, previous in zip(records, older, strict=True):
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=_IGNORED)
            for change in delta.changes:
                field = Client._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name).capitalize(),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries

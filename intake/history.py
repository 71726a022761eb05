"""Reading django-simple-history rows as "who changed which field from what to what"."""

from dataclasses import dataclass

from django.db import models

from crisis_center import center
from intake.models import Incident, IncidentOffender, IncidentType

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
    labelled = [v for v in field.validators if hasattr(v, "label_of")]  # a list it extends
    if labelled:
        codes = value if isinstance(value, list) else [value]
        return ", ".join(labelled[0].label_of(str(code)) for code in codes) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def field_changes(subject: models.Model, records: list) -> list[HistoryEntry]:
    """Pair each history record (newest first) of `subject` (a client, an incident) with
    the one before it and list the diffs.

    `records` is one page; the record older than the page's last costs one query. A field
    the center does not collect is left out, as on every other page: its past values
    stay in the database until a supervisor clears them, never on a page.
    """
    if not records:
        return []
    excluded = [*_IGNORED, *sorted(center.uncollected(type(subject)))]
    older = records[1:] + [records[-1].prev_record]
    entries = []
    for record, previous in zip(records, older, strict=True):
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=excluded)
            for change in delta.changes:
                field = subject._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name).capitalize(),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries


CHANGES_SHOWN = 50


@dataclass(frozen=True)
class PartChange:
    """An offender or a victimization type added to an incident, changed or taken off."""

    record: models.Model  # the history row
    what: str


def incident_changes(incident: Incident) -> dict:
    """The incident's latest versions with what each changed (the criminal case as it
    moved), and its offenders and types added, changed or taken off: at most
    CHANGES_SHOWN of each, newest first, in four queries."""
    versions = list(
        incident.history.select_related("history_user").order_by("-history_date", "-history_id")[
            :CHANGES_SHOWN
        ]
    )
    verbs = {"+": "added", "~": "changed", "-": "taken off"}
    offenders = (
        IncidentOffender.history.filter(incident_id=incident.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:CHANGES_SHOWN]
    )
    types = (
        IncidentType.history.filter(incident_id=incident.pk)
        .select_related("history_user", "classification")
        .order_by("-history_date", "-history_id")[:CHANGES_SHOWN]
    )
    parts = [
        PartChange(
            row,
            f"Offender {verbs[row.history_type]}: {row.get_relationship_display().lower()}, "
            f"{row.get_gender_display().lower()}, age {row.get_age_display().lower()}",
        )
        for row in offenders
    ] + [
        PartChange(row, f"Victimization type {verbs[row.history_type]}: {row.classification}")
        for row in types
    ]
    parts.sort(key=lambda p: p.record.history_date, reverse=True)
    return {"versions": field_changes(incident, versions), "parts": parts}

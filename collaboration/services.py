"""Writes of the collaboration module that touch more than one row."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model

from collaboration.models import CrossTraining, CrossTrainingAttendance
from crisis_center.models import TrainingRecord, User
from intake.services import save_as


def _delete(row: Model, by: User) -> None:
    row._history_user = by
    row.delete()


@transaction.atomic
def cross_training_save(
    *, training: CrossTraining, attended: Iterable[User], by: User
) -> CrossTraining:
    """Save a session and make our staff's training records match it.

    Each staff member who attended has one TrainingRecord with the session's date, hours
    and topic, so cross-training counts toward certification (ICASA: 40 hours of crisis
    intervention training); removing someone deletes the record it gave them.
    """
    save_as(training, by)
    wanted = {user.pk: user for user in attended}
    current = {row.staff_id: row for row in training.attendance.select_related("training_record")}
    for staff_id, row in current.items():
        record = row.training_record
        if staff_id not in wanted:
            _delete(row, by)
            _delete(record, by)
            continue
        _describe(record, training)
        save_as(record, by)
    for staff_id in wanted.keys() - current.keys():
        record = TrainingRecord(staff=wanted[staff_id])
        _describe(record, training)
        save_as(record, by)
        save_as(
            CrossTrainingAttendance(
                training=training, staff=wanted[staff_id], training_record=record
            ),
            by,
        )
    return training


def _describe(record: TrainingRecord, training: CrossTraining) -> None:
    record.topic = training.counts_toward
    record.hours = training.hours
    record.completed_on = training.date
    record.notes = f"Cross-training: {training.topic_label}"[:300]

"""Writes of the collaboration module: each in one transaction, validated first."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Model, Q
from django.utils import timezone
from django.utils.translation import gettext

from collaboration.choices import Rating, SurveyService
from collaboration.models import (
    STATEMENTS,
    CaseConference,
    ConferenceAction,
    ConferenceAgency,
    CrossTraining,
    CrossTrainingAttendance,
    FeedbackLink,
    FeedbackResponse,
    no_release_message,
)
from crisis_center.models import TrainingRecord, User
from crisis_center.records.services import record_save, save_as
from referrals.models import Agency, ReleaseOfInformation


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


# Client feedback ---------------------------------------------------------------------


class LinkUnavailable(Exception):
    """The link is used, expired, revoked, unknown, or a kiosk past its hourly limit."""


@transaction.atomic
def feedback_submit(*, token: str, response: FeedbackResponse) -> FeedbackResponse:
    """Spend one use of the link and save the response, in one transaction: a refused
    link saves nothing, and a double submit of a single-use link saves one response."""
    if not FeedbackLink.objects.consume(token):
        raise LinkUnavailable
    response.full_clean()
    response.save()
    return response


def kiosk_revoke(*, link: FeedbackLink) -> None:
    FeedbackLink.objects.filter(pk=link.pk, kiosk=True, revoked_on__isnull=True).update(
        revoked_on=timezone.localdate()
    )


def feedback_counts(start: date, end: date) -> dict[str, int]:
    """Every count the results page shows, in one SQL query (conditional COUNTs):
    "total", f"used_{service}" and f"{column}:{rating}" for each statement."""
    counts = {"total": Count("pk")}
    for service in SurveyService.values:
        counts[f"used_{service}"] = Count("pk", filter=Q(**{f"used_{service}": True}))
    for column, _ in STATEMENTS:
        for rating in Rating.values:
            counts[f"{column}:{rating}"] = Count("pk", filter=Q(**{column: rating}))
    return FeedbackResponse.objects.filter(month__gte=start, month__lte=end).aggregate(**counts)


# Case conferences --------------------------------------------------------------------


def releases_for(*, client_id: int, agencies: Iterable[Agency], day: date) -> dict[int, object]:
    """agency id -> a release of this client valid on `day` for it (one query).

    Raises ValidationError naming the first agency without one (DESIGN.md rule 6).
    """
    agencies = list(agencies)
    found = {}
    for release in ReleaseOfInformation.objects.valid_on(day).filter(
        client_id=client_id, agency__in=agencies
    ):
        found.setdefault(release.agency_id, release)
    for agency in agencies:
        if agency.pk not in found:
            raise ValidationError(no_release_message(agency, day))
    return found


@transaction.atomic
def conference_save(
    *, conference: CaseConference, agencies: Iterable[Agency], by: User
) -> CaseConference:
    """Record a case conference and the agencies at the table.

    Refused when any agency lacks a valid release for this client on the conference
    date. A release in this system is the client's consent to share identifying
    information with that agency (referrals.ReleaseOfInformation), so with a release
    for every agency present, `identify_client` needs no further check; what each
    release allows is shown next to the agency on the conference page.
    """
    agencies = list(agencies)
    if not agencies:
        raise ValidationError(gettext("Name at least one partner agency at the conference."))
    day = timezone.localdate(conference.held_at)
    releases = releases_for(client_id=conference.client_id, agencies=agencies, day=day)
    record_save(record=conference, by=by)
    wanted = {a.pk for a in agencies}
    for row in conference.attending.all():
        if row.agency_id not in wanted:
            row._history_user = by
            row.delete()
    current = {row.agency_id: row for row in conference.attending.all()}
    for agency in agencies:
        row = current.get(agency.pk) or ConferenceAgency(conference=conference, agency=agency)
        if row.release_id != releases[agency.pk].pk:
            row.release = releases[agency.pk]
            save_as(row, by)
    return conference


def conference_action_add(*, item: ConferenceAction, by: User) -> ConferenceAction:
    item.client_id = item.conference.client_id
    return record_save(record=item, by=by)


@transaction.atomic
def conference_action_done(*, item: ConferenceAction, by: User) -> None:
    if item.done_at is None:
        item.done_at = timezone.now()
        save_as(item, by)

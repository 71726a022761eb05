"""Cross-training: our staff who attend get training records that follow the session."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CrossTraining, CrossTrainingAttendance
from crisis_center.models import TrainingRecord
from tests.factories import StaffFactory


def _post(client, staff_ids, pk=None, **overrides):
    data = {
        "topic": "harm_reduction",
        "date": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "hours": "3",
        "outside_attendees": "12",
        "counts_toward": "other",
        "staff_attended": [str(i) for i in staff_ids],
    } | overrides
    url = reverse("cross_training_edit", args=[pk]) if pk else reverse("cross_training_create")
    return client.post(url, data)


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_attending_staff_get_a_training_record_with_the_sessions_hours(signed_in, advocate):
    response = _post(signed_in, [advocate.pk])

    assert response.status_code == 302
    record = TrainingRecord.objects.get(staff=advocate, topic="other")
    assert record.hours == Decimal(3)
    assert record.completed_on == timezone.localdate() - timedelta(days=2)
    assert CrossTrainingAttendance.objects.get().training_record == record


def test_editing_the_session_updates_the_attendees_records(signed_in, advocate):
    _post(signed_in, [advocate.pk])
    training = CrossTraining.objects.get()

    _post(
        signed_in, [advocate.pk], pk=training.pk, hours="4.5", counts_toward="crisis_intervention"
    )

    record = CrossTrainingAttendance.objects.get().training_record
    record.refresh_from_db()
    assert (record.hours, record.topic) == (Decimal("4.5"), "crisis_intervention")


def test_removing_an_attendee_deletes_the_record_it_gave_them(signed_in, advocate, supervisor):
    _post(signed_in, [advocate.pk, supervisor.pk])
    training = CrossTraining.objects.get()

    _post(signed_in, [supervisor.pk], pk=training.pk)

    assert not TrainingRecord.objects.filter(staff=advocate, topic="other").exists()
    assert TrainingRecord.objects.filter(staff=supervisor, topic="other").count() == 1


def test_crisis_intervention_cross_training_counts_toward_certification(signed_in):
    trainee = StaffFactory(username="newcomer", role="advocate")
    assert not trainee.is_certified

    _post(signed_in, [trainee.pk], hours="40", counts_toward="crisis_intervention")

    trainee.refresh_from_db()
    del trainee.training
    assert trainee.is_certified


def test_attendance_of_a_future_session_is_refused(signed_in, advocate):
    future = (timezone.localdate() + timedelta(days=7)).isoformat()

    response = _post(signed_in, [advocate.pk], date=future)

    assert response.status_code == 200
    assert "once the session has taken place" in response.content.decode()
    assert not CrossTraining.objects.exists()
    assert not TrainingRecord.objects.filter(staff=advocate, topic="other").exists()


def test_a_future_session_without_attendees_can_be_planned(signed_in):
    future = (timezone.localdate() + timedelta(days=7)).isoformat()
    assert _post(signed_in, [], date=future).status_code == 302


def test_other_topic_needs_a_name(signed_in):
    response = _post(signed_in, [], topic="other")
    assert response.status_code == 200
    assert "Name the topic." in response.content.decode()


def test_hours_are_summed_per_period_from_date_and_hours(coordinator):
    from django.db.models import Sum

    CrossTraining.objects.create(topic="demand", date=date(2026, 1, 5), hours=2)
    CrossTraining.objects.create(topic="trauma", date=date(2026, 2, 5), hours=3)
    total = CrossTraining.objects.filter(date__year=2026, date__month=1).aggregate(h=Sum("hours"))
    assert total["h"] == 2

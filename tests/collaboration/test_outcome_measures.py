"""The collaboration's outcome measures (ICASA Section 3) against hand counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from collaboration import services
from collaboration.models import CrossTraining, FeedbackResponse, PolicyChange
from crisis_center.reports import Period, outcome_measures
from referrals.models import Agency

pytestmark = pytest.mark.django_db

Q2 = Period(2026, 2)  # January to March 2026


@pytest.fixture
def measures(staff):
    shelter = Agency.objects.create(name="Safe Harbor Shelter")
    police = Agency.objects.create(name="City police")
    for agency, day in (
        (shelter, date(2026, 1, 5)),
        (shelter, date(2026, 3, 31)),
        (police, date(2025, 12, 31)),
    ):
        PolicyChange.objects.create(agency=agency, changed_on=day, description="No ID asked")
    for day, hours, outside in (
        (date(2026, 2, 3), "2.5", 4),
        (date(2026, 3, 1), "3", 6),
        (date(2026, 4, 1), "8", 20),
    ):
        training = CrossTraining(
            topic="harm_reduction", date=day, hours=Decimal(hours), outside_attendees=outside
        )
        attended = [staff["advocate"]] if day.month == 2 else []
        services.cross_training_save(training=training, attended=attended, by=staff["coordinator"])
    for month, felt_safe in (
        (date(2026, 1, 1), "strongly_agree"),
        (date(2026, 3, 1), "agree"),
        (date(2026, 3, 1), "disagree"),
        (date(2026, 4, 1), "agree"),
    ):
        FeedbackResponse.objects.create(month=month, felt_safe=felt_safe)
    return {block.key: dict(block.rows) for block in outcome_measures(Q2)}  # fmt: skip


def test_policy_changes_in_the_period(measures):
    # Two at the shelter in Q2; the police's was on December 31 (Q1).
    assert measures["policy_changes"] == {
        "Policy changes recorded": 2, "Agencies that changed a policy": 1
    }  # fmt: skip


def test_cross_training_hours_and_people(measures):
    # 2.5 + 3 hours in Q2; 4 + 6 from partners; the advocate at the February session.
    assert measures["cross_training"] == {
        "Sessions": 2,
        "Hours of cross-training": "5.5",
        "People attending from partner agencies": 10,
        "Our staff attending (each session counted)": 1,
    }


def test_feedback_counts_responses_and_agreement(measures):
    # January and March responses; April's is in Q3. Two of three felt safe.
    assert measures["feedback"]["Survey responses"] == 3
    assert measures["feedback"]["Agreed: I felt safe here."] == 2
    assert measures["feedback"]["Agreed: I felt believed and respected."] == 0


def test_coordinators_see_people_suppressed_but_hours_and_sessions_exact(client, staff, measures):
    client.force_login(staff["coordinator"])
    rows = (
        client.get(
            reverse("outcome_measures"), {"fiscal_year": 2026, "quarter": 2, "format": "csv"}
        )
        .content.decode()
        .splitlines()
    )
    assert "Cross-training among agencies,Sessions,2" in rows
    assert "Cross-training among agencies,Hours of cross-training,5.5" in rows
    assert "Feedback from the people served,Survey responses,1-4" in rows

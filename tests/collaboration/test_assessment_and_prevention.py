"""The agency self-assessment (Section 2) year against year, and prevention groups."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.assessment import NEEDS_ASSESSMENT, QUESTIONS, STRATEGIC_PLANNING
from collaboration.models import PreventionGroup, PreventionSession, SelfAssessment


def test_the_program_models_questions_are_copied_whole():
    assert len(NEEDS_ASSESSMENT) == len(STRATEGIC_PLANNING) == 7
    assert NEEDS_ASSESSMENT[2].startswith(
        "Does the agency have specific policy and procedures for serving victims"
    )
    assert "Is there a \u201cno decline\u201d policy?" in NEEDS_ASSESSMENT[2]
    assert STRATEGIC_PLANNING[6] == "What resources do we need?"
    assert [name for name, *_ in QUESTIONS] == [
        *(f"need_{n}" for n in range(1, 8)),
        *(f"plan_{n}" for n in range(1, 8)),
    ]


@pytest.fixture
def signed_in(client, supervisor):
    client.force_login(supervisor)
    return client


def test_one_assessment_per_year(signed_in):
    SelfAssessment.objects.create(year=2025)
    response = signed_in.post(reverse("assessment_create"), {"year": "2025"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert SelfAssessment.objects.count() == 1


def test_next_years_assessment_is_refused_beyond_one_year_ahead(signed_in):
    year = timezone.localdate().year + 2
    assert signed_in.post(reverse("assessment_create"), {"year": str(year)}).status_code == 200
    assert not SelfAssessment.objects.exists()


def test_answers_are_shown_question_by_question_year_by_year(signed_in):
    SelfAssessment.objects.create(year=2024, need_1="Not yet")
    SelfAssessment.objects.create(year=2025, need_1="Partly")
    response = signed_in.get(reverse("assessment_list"))
    body = response.content.decode()
    assert body.index(">2024<") < body.index(">2025<")  # oldest on the left
    row = body[body.index("1. Do victims of commercial exploitation") :]
    assert row.index("Not yet") < row.index("Partly") < row.index("2. Has the agency")
    assert [r[3] for r in response.context["rows"]][0] == ["Not yet", "Partly"]


def test_prevention_totals_add_sessions_and_participants(signed_in):
    group = PreventionGroup.objects.create(name="Girls' circle", topics=["myths"])
    PreventionGroup.objects.create(name="Boys' group")
    for n in (8, 11):
        PreventionSession.objects.create(group=group, participants=n)
    body = signed_in.get(reverse("prevention_list")).content.decode()
    assert "All groups: 2 sessions, 19 participants." in body
    detail = signed_in.get(reverse("prevention_detail", args=[group.pk])).content.decode()
    assert "2 sessions, 19 participants" in detail
    assert "Dispelling myths about commercial sexual exploitation" in detail


def test_session_is_added_from_the_group_page(signed_in):
    group = PreventionGroup.objects.create(name="Girls' circle")
    yesterday = timezone.localdate() - timedelta(days=1)
    response = signed_in.post(
        reverse("prevention_session_create", args=[group.pk]),
        {"date": yesterday.isoformat(), "participants": "9"},
    )
    assert response.url == reverse("prevention_detail", args=[group.pk])
    assert PreventionSession.objects.get().participants == 9


def test_prevention_session_records_no_identities():
    names = {f.name for f in PreventionSession._meta.get_fields()}
    assert names <= {"id", "group", "date", "participants"}


def test_prevention_topics_must_come_from_the_list(signed_in):
    response = signed_in.post(
        reverse("prevention_create"), {"name": "Circle", "topics": ["astrology"]}
    )
    assert response.status_code == 200
    assert not PreventionGroup.objects.exists()

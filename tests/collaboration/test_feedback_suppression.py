"""A coordinator's feedback results hide a second answer wherever a small count could be
worked out from the number of responses, or from the outcome measures' "agreed" count
(strongly agree + agree) for the same months."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from collaboration.choices import Rating
from collaboration.models import FeedbackResponse
from tests.disclosure import worked_out

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)
PERIOD = {"start": "2026-01", "end": "2026-03"}  # FY 2026 Q2
SAFE = "I felt safe here."


def _responses(n: int, **answers) -> None:
    FeedbackResponse.objects.bulk_create(FeedbackResponse(month=MARCH, **answers) for _ in range(n))


def _felt_safe_on_the_page(client) -> dict[str, object]:
    rows = client.get(reverse("feedback_results"), PERIOD).context["rows"]
    return {r["answer"]: r["count"] for r in rows if r["question"] == SAFE}


def _felt_safe_in_the_csv(client) -> dict[str, str]:
    response = client.get(reverse("feedback_results_csv"), PERIOD)
    rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    return {answer: count for question, answer, count in rows if question == SAFE}


def test_a_small_answer_cannot_be_subtracted_from_the_responses(client, coordinator):
    # 8 responses: strongly agree 2, agree 6. "1-4" alone would be 8 - 6 = 2.
    _responses(2, felt_safe=Rating.STRONGLY_AGREE)
    _responses(6, felt_safe=Rating.AGREE)
    client.force_login(coordinator)
    for safe in (_felt_safe_on_the_page(client), _felt_safe_in_the_csv(client)):
        assert str(safe["Strongly agree"]) == str(safe["Agree"]) == "hidden"
        assert worked_out(list(safe.values()), 8) == []
        # The outcome measures show 8 who agreed: strongly agree + agree is no help either.
        assert worked_out([safe["Strongly agree"], safe["Agree"]], 8) == []


def test_a_small_answer_cannot_be_subtracted_from_the_agreed_count(client, coordinator):
    # 20 responses: strongly agree 3, agree 9, disagree 8. The outcome measures show
    # 12 who agreed, so "1-4" and 9 would say 3.
    _responses(3, felt_safe=Rating.STRONGLY_AGREE)
    _responses(9, felt_safe=Rating.AGREE)
    _responses(8, felt_safe=Rating.DISAGREE)
    client.force_login(coordinator)
    csv_rows = client.get(
        reverse("outcome_measures"), {"fiscal_year": 2026, "quarter": 2, "format": "csv"}
    ).content.decode()
    assert f"Feedback from the people served,Agreed: {SAFE},12" in csv_rows
    for safe in (_felt_safe_on_the_page(client), _felt_safe_in_the_csv(client)):
        assert worked_out([safe["Strongly agree"], safe["Agree"]], 12) == []
        assert worked_out(list(safe.values()), 20) == []


def test_a_hidden_answer_gets_no_bar(client, coordinator):
    _responses(2, felt_safe=Rating.STRONGLY_AGREE)
    _responses(6, felt_safe=Rating.AGREE)
    client.force_login(coordinator)
    rows = client.get(reverse("feedback_results"), PERIOD).context["rows"]
    safe = {r["answer"]: r for r in rows if r["question"] == SAFE}
    assert safe["Agree"]["bar"] is None and safe["Strongly agree"]["bar"] is None


def test_supervisors_still_see_every_answer(client, supervisor):
    _responses(2, felt_safe=Rating.STRONGLY_AGREE)
    _responses(6, felt_safe=Rating.AGREE)
    client.force_login(supervisor)
    safe = _felt_safe_in_the_csv(client)
    assert (safe["Strongly agree"], safe["Agree"]) == ("2", "6")

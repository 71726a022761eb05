"""The ICASA screening: repeatable, survivor-led, counted but never decided by the system."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import Screening
from intake.screening import QUESTIONS


def _answers(**given) -> dict:
    """A full screening post: every question 'not asked' unless given."""
    data = {"setting": "in_person", "privacy_ensured": "yes", "controlling_person_present": "no"}
    data["screened_at"] = given.pop("when", timezone.localtime()).strftime("%Y-%m-%dT%H:%M")
    data["determination"] = "not_recorded"
    for q in QUESTIONS:
        if q.number not in (5, 6):
            data[q.field] = "not_asked"
    data.update(given)
    return data


def test_a_screening_is_saved_with_who_and_when(client, advocate, own_client):
    client.force_login(advocate)
    response = client.post(
        reverse("screening_create", args=[own_client.pk]),
        _answers(q1="no", q3="yes", q5="Works nights at a restaurant", q7="floor"),
    )
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.client == own_client
    assert screening.created_by == advocate
    assert screening.history.get().history_user == advocate
    assert screening.concerning_questions == [1, 3, 7]


def test_concerns_count_answers_and_indicators_but_the_system_never_decides(
    client, advocate, own_client
):
    client.force_login(advocate)
    every_concern = {q.field: (q.concerning[0] if q.concerning else "x") for q in QUESTIONS}
    client.post(
        reverse("screening_create", args=[own_client.pk]),
        _answers(**every_concern, indicators=["controlled", "bruises"]),
    )
    screening = Screening.objects.get()
    assert screening.concern_count == 11 + 2
    assert screening.determination == "not_recorded"


def test_a_determination_needs_a_reason(client, advocate, own_client):
    client.force_login(advocate)
    url = reverse("screening_create", args=[own_client.pk])
    response = client.post(url, _answers(determination="possible_trafficking"))
    assert "Say why" in response.content.decode()
    assert not Screening.objects.exists()

    client.post(
        url,
        _answers(determination="possible_trafficking", determination_reason="Q3 and Q12 yes"),
    )
    assert Screening.objects.get().get_determination_display() == "Possible trafficking"


def test_garbage_screening_saves_nothing(client, advocate, own_client):
    client.force_login(advocate)
    garbage = _answers(
        q1="sometimes",
        q5="z\x00",  # a NUL; a long answer is not garbage (tests/test_typed_input.py)
        q7="hammock",
        indicators=["aliens"],
        control_techniques=["x", "x"],
        determination="guilty",
        screened_at="not a date",
        privacy_ensured="\x00",
    )
    response = client.post(reverse("screening_create", args=[own_client.pk]), garbage)
    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("q1", "q5", "q7", "indicators", "control_techniques", "determination"):
        assert field in errors, field
    assert not Screening.objects.exists()


def test_three_screenings_show_how_each_answer_changed(client, advocate, own_client):
    client.force_login(advocate)
    url = reverse("screening_create", args=[own_client.pk])
    start = timezone.localtime() - timedelta(days=60)
    for days, q1, q12 in ((0, "declined", "not_asked"), (30, "no", "no"), (59, "no", "yes")):
        response = client.post(url, _answers(when=start + timedelta(days=days), q1=q1, q12=q12))
        assert response.status_code == 302

    response = client.get(reverse("client_detail", args=[own_client.pk]))
    rows = {row.question.number: row.cells for row in response.context["comparison"]}
    assert [c.text for c in rows[1]] == ["Declined", "No", "No"]
    assert [c.changed for c in rows[1]] == [False, True, False]
    assert [c.concerning for c in rows[1]] == [False, True, True]
    assert [c.text for c in rows[12]] == ["Not asked", "No", "Yes"]
    assert [c.changed for c in rows[12]] == [False, True, True]
    assert [c.changed for c in rows[4]] == [False, False, False]
    body = response.content.decode()
    assert body.count('<span class="badge text-bg-info">changed</span>') == 3
    assert response.context["latest_screening"].q12 == "yes"


def test_screening_detail_lists_answers_and_flags_concerns(client, advocate, own_client):
    client.force_login(advocate)
    client.post(
        reverse("screening_create", args=[own_client.pk]),
        _answers(q2="no", q2_note="Has to ask the manager"),
    )
    screening = Screening.objects.get()
    response = client.get(reverse("screening_detail", args=[screening.pk]))
    body = response.content.decode()
    assert "Has to ask the manager" in body
    assert '<tr class="table-warning"><td>2. Can you come and go as you please?' in body


# session, user, BEGIN, the client (or the screening with its client and author),
# access-log insert, COMMIT, BEGIN, session save, COMMIT; the form also checks training
# (+1 for an advocate: the access log's check for emergency grants)
@pytest.mark.parametrize(("page", "ceiling"), [("screening_create", 12), ("screening_detail", 11)])
def test_screening_pages_run_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries, page, ceiling
):
    from tests.factories import ScreeningFactory

    screening = ScreeningFactory(client=own_client)
    client.force_login(advocate)
    target = own_client.pk if page == "screening_create" else screening.pk
    with django_assert_max_num_queries(ceiling):
        assert client.get(reverse(page, args=[target])).status_code == 200

"""Stability outcomes (issue 21, point 6): the change between a client's first and last
answers in each domain, on the client page and in the stability report, worked out by
hand; small cells suppressed as in every report; a fixed number of queries."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis_center.reports import Period
from intake import stability
from intake.models import StabilityCheck
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

Q2 = Period(2026, 2)  # Jan 1 to Mar 31, 2026 (the fiscal year starts in October)
QUERY = {"fiscal_year": 2026, "quarter": 2}


def _check(person, day: date, **levels) -> StabilityCheck:
    return StabilityCheck.objects.create(
        client=person, created_by=person.created_by, asked_on=day, **levels
    )


def _people(advocate, n: int) -> list:
    return [ClientFactory(created_by=advocate) for _ in range(n)]


def hand_worked(advocate) -> dict:
    """Housing answers of seven clients, and what Q2 must count of them."""
    a, b, c, d, e, f, g = _people(advocate, 7)
    # A: better, from the first answer to the last; the thriving in between is ignored.
    _check(a, date(2025, 11, 1), housing="in_crisis", safety="stable")
    _check(a, date(2026, 1, 15), housing="thriving")
    _check(a, date(2026, 3, 1), housing="vulnerable")  # safety not asked: one answer only
    # B: worse; the "not asked" between is skipped.
    _check(b, date(2026, 2, 1), housing="stable")
    _check(b, date(2026, 2, 10))
    _check(b, date(2026, 3, 5), housing="in_crisis")
    # C: the same, the first answer before the quarter.
    _check(c, date(2025, 10, 5), housing="stable")
    _check(c, date(2026, 2, 2), housing="stable")
    # D: one answer, nothing to compare.
    _check(d, date(2026, 2, 2), housing="stable")
    # E: changed, but nothing answered in the quarter.
    _check(e, date(2025, 10, 5), housing="in_crisis")
    _check(e, date(2025, 12, 5), housing="stable")
    # F: better in the quarter; an answer after it is another quarter's.
    _check(f, date(2026, 1, 5), housing="vulnerable")
    _check(f, date(2026, 2, 5), housing="stable")
    _check(f, date(2026, 5, 1), housing="in_crisis")
    # G: "declined" is no answer on the scale.
    _check(g, date(2026, 1, 7), housing="declined")
    _check(g, date(2026, 3, 7), housing="stable")
    return {"A": a, "B": b, "F": f}


def _blocks(period=Q2) -> dict:
    return {block.key: dict(block.rows) for block in stability.report(period)}


def test_changes_are_counted_between_first_and_last_answers(advocate):
    hand_worked(advocate)
    blocks = _blocks()
    assert blocks["stability-housing"] == {"Better": 2, "Same": 1, "Worse": 1}
    for domain in ("income_work", "education", "legal_status", "safety", "support_network"):
        assert blocks[f"stability-{domain}"] == {"Better": 0, "Same": 0, "Worse": 0}
    # The next quarter: F's last answer is in it, and worse than its first.
    assert _blocks(Period(2026, 3))["stability-housing"] == {"Better": 0, "Same": 0, "Worse": 1}


def test_the_client_page_shows_first_and_last_answers_and_the_change(client, advocate):
    people = hand_worked(advocate)
    client.force_login(advocate)
    page = client.get(reverse("client_detail", args=[people["A"].pk]))
    (panel,) = [p for p in page.context["panels"] if p.template == "intake/panels/stability.html"]
    housing, *_, safety, _support = panel.context["changes"]
    assert (housing.first.level, housing.last.level, housing.change) == (
        "in_crisis",
        "vulnerable",
        stability.BETTER,
    )
    assert (safety.first.level, safety.change) == ("stable", stability.NOT_COMPARABLE)
    body = page.content.decode()
    assert "1 · In crisis: needs help now" in body and "Better" in body
    assert "Not comparable" in body


def test_a_client_never_asked_has_an_empty_stability_section(client, advocate, own_client):
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "No answers yet." in body
    assert reverse("stability_create", args=[own_client.pk]) in body


def _csv(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("stability_report"), {**QUERY, "format": "csv"})
    assert 'filename="stability-fy2026-q2.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return {(section, item): count for section, item, count in rows[1:]}


def test_small_cells_are_suppressed_for_coordinators_and_exact_for_supervisors(
    client, advocate, supervisor, coordinator
):
    people = hand_worked(advocate)
    exact = _csv(client, supervisor)
    assert exact[("Housing", "Better")] == "2" and exact[("Housing", "Total")] == "4"
    cells = _csv(client, coordinator)
    # Four people: no breakdown (as every report shows a block about one to four people).
    assert cells[("Housing", "Better")] == cells[("Housing", "Worse")] == "hidden"
    assert cells[("Housing", "Total")] == "1-4"
    assert cells[("Safety", "Total")] == "0"
    page = client.get(reverse("stability_report"), QUERY).content.decode()
    assert "1-4" in page
    assert not any(p.pseudonym in page for p in people.values())


def test_counts_of_five_or_more_are_shown(client, advocate, coordinator):
    for person in _people(advocate, 5):
        _check(person, date(2026, 1, 5), safety="in_crisis")
        _check(person, date(2026, 3, 5), safety="stable")
    cells = _csv(client, coordinator)
    assert (cells[("Safety", "Better")], cells[("Safety", "Worse")]) == ("5", "0")
    assert cells[("Safety", "Total")] == "5"


def test_the_report_counts_in_one_query_whatever_the_number_of_checks(advocate):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            stability.report(Q2)
        return len(captured)

    hand_worked(advocate)
    few = queries()
    for person in _people(advocate, 10):
        for month in (1, 2, 3):
            _check(person, date(2026, month, 3), housing="stable", safety="vulnerable")
    assert queries() == few == 1


def test_the_report_page_runs_a_fixed_number_of_queries(
    client, advocate, supervisor, django_assert_max_num_queries
):
    hand_worked(advocate)
    client.force_login(supervisor)
    # The session and the user, the stored report looked for (none), the count (one
    # query), storing it, the savepoints around the view and the session's save.
    with django_assert_max_num_queries(11):
        assert client.get(reverse("stability_report"), QUERY).status_code == 200
    with CaptureQueriesContext(connection) as again:  # looked at again: the stored counts
        assert client.get(reverse("stability_report"), QUERY).status_code == 200
    assert not [q for q in again if "intake_stabilitycheck" in q["sql"]]

"""Stored report counts: a look after the first reads them, but never once a record has
changed, never past REPORT_MAX_AGE_MINUTES, and "Count again" counts now."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from collaboration.models import Meeting
from crisis_center.reports import Period
from intake import scale, stored_reports
from intake.models import Client, ClientClassification, StoredReport
from intake.reports import quarterly_report
from referrals.models import Agency
from tests.factories import ContactFactory
from tests.report_data import at, build_quarter

pytestmark = pytest.mark.django_db

Q2 = {"fiscal_year": 2026, "quarter": 2}
PERIOD = Period(2026, 2)


def _cells(client, name="quarterly_report") -> dict[tuple[str, str], str]:
    rows = csv.reader(io.StringIO(client.get(reverse(name), {**Q2, "format": "csv"}).text))
    return {(section, item): count for section, item, count in list(rows)[1:]}


def _fresh() -> dict[tuple[str, str], str]:
    """The report as counted now, in the CSV's cells, for a supervisor (no suppression)."""
    cells = {}
    for block in quarterly_report(PERIOD).blocks:
        cells |= {(block.title, label): str(count) for label, count in block.rows}
        if block.total is not None:
            cells[(block.title, "Total")] = str(block.total)
    return cells


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff["supervisor"])
    return client


def test_a_second_look_shows_the_stored_counts_which_are_the_counts(signed_in, staff):
    build_quarter(staff)
    first = _cells(signed_in)
    assert StoredReport.objects.filter(name="victim-services", current=True).count() == 1
    assert _cells(signed_in) == first == _fresh()


def test_saving_any_record_is_in_the_next_look(signed_in, staff):
    people = build_quarter(staff)
    _cells(signed_in)
    ContactFactory(advocate=staff["advocate"], started_at=at(2026, 2, 3))  # anonymous
    assert _cells(signed_in) == _fresh()
    ana = people["ana"]
    ana.gender = "man"
    ana.save()
    assert (
        _cells(signed_in)[("Gender identity (new individuals)", "Male")]
        == _fresh()[("Gender identity (new individuals)", "Male")]
    )
    assert _cells(signed_in) == _fresh()
    ClientClassification.objects.filter(client=ana).first().delete()
    assert _cells(signed_in) == _fresh()


def test_a_change_to_a_many_to_many_field_is_in_the_next_look(signed_in, staff):
    meeting = Meeting.objects.create(place="Library")
    agency = Agency.objects.create(name="Clinic")
    _cells(signed_in, "outcome_measures")
    assert StoredReport.objects.filter(current=True).exists()
    meeting.attending_agencies.add(agency)  # no save of the meeting itself
    assert not StoredReport.objects.filter(current=True).exists()


def test_a_write_past_the_models_is_in_a_look_after_the_maximum_age(signed_in, staff, settings):
    build_quarter(staff)
    before = _cells(signed_in)
    # QuerySet.update sends no signal: the stored counts stay until they are too old.
    Client.objects.update(gender="man")
    assert _cells(signed_in) == before != _fresh()
    settings.REPORT_MAX_AGE_MINUTES = 0
    assert _cells(signed_in) == _fresh()


def test_count_again_counts_now_and_comes_back_to_the_same_report(signed_in, staff):
    build_quarter(staff)
    before = _cells(signed_in)
    Client.objects.update(gender="man")
    response = signed_in.post(f"{reverse('quarterly_report')}?fiscal_year=2026&quarter=2")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('quarterly_report')}?fiscal_year=2026&quarter=2"
    after = _cells(signed_in)
    assert after == _fresh() != before
    page = signed_in.get(reverse("quarterly_report"), Q2).text
    assert "Counted at" in page and "Count again" in page


def test_count_again_with_a_bad_period_stores_nothing(signed_in):
    response = signed_in.post(f"{reverse('quarterly_report')}?fiscal_year=1999&quarter=9")
    assert response.status_code == 302
    assert not StoredReport.objects.exists()


@pytest.mark.parametrize("username", ["advocate", "trainee", "admin"])
@pytest.mark.parametrize("name", ["quarterly_report", "outcome_measures"])
def test_count_again_is_not_there_for_anyone_else(client, staff, username, name):
    client.force_login(staff[username])
    assert client.post(f"{reverse(name)}?fiscal_year=2026&quarter=2").status_code == 404
    assert not StoredReport.objects.exists()


def test_other_methods_are_refused(signed_in):
    assert signed_in.put(reverse("quarterly_report")).status_code == 405


def test_a_coordinator_sees_stored_counts_suppressed(client, staff):
    build_quarter(staff)
    client.force_login(staff["supervisor"])
    exact = _cells(client)
    client.force_login(staff["coordinator"])
    shown = _cells(client)
    assert exact[("Individuals served", "New")] not in {"0", "1-4"}
    assert int(exact[("Individuals served", "New")]) <= 4
    assert shown[("Individuals served", "New")] == "1-4"


def test_each_report_and_period_is_stored_apart(signed_in, staff):
    build_quarter(staff)
    _cells(signed_in)
    _cells(signed_in, "outcome_measures")
    signed_in.get(reverse("quarterly_report"), {"fiscal_year": 2026, "quarter": 3})
    assert StoredReport.objects.count() == 3


def test_counting_twice_at_once_keeps_one_row(staff):
    build_quarter(staff)

    def count(period):
        return quarterly_report(period).blocks

    stored_reports.counted("victim-services", PERIOD, count, again=True)
    stored_reports.counted("victim-services", PERIOD, count, again=True)
    assert StoredReport.objects.count() == 1


def test_migrating_forgets_stored_counts(signed_in, staff):
    _cells(signed_in)
    assert StoredReport.objects.exists()
    call_command("migrate", verbosity=0)
    assert not StoredReport.objects.exists()


def test_the_stored_counts_name_no_one(signed_in, staff):
    people = build_quarter(staff)
    _cells(signed_in)
    stored = str(StoredReport.objects.get().blocks)
    for person in people.values():
        assert person.pseudonym not in stored


def test_a_bulk_load_is_in_the_next_look(signed_in, staff):
    _cells(signed_in)
    scale.fill(30, 120)  # bulk inserts: no signals
    assert not StoredReport.objects.filter(current=True).exists()


def test_a_stored_count_is_not_shown_under_another_fiscal_calendar(signed_in, staff, settings):
    build_quarter(staff)
    _cells(signed_in)  # FY 2026 Q2 from October: January to March 2026, stored
    settings.FISCAL_YEAR_START_MONTH = 7  # FY 2026 Q2 is now October to December 2025
    cells = _cells(signed_in)
    assert cells == _fresh()
    # Bea's counseling on Nov 5 is the quarter's one service to a person: one new.
    assert cells[("Individuals served", "Total")] == "1"
    assert cells[("Individuals served", "New")] == "1"


def test_a_stored_count_is_not_shown_under_another_time_zone(signed_in, staff, settings):
    build_quarter(staff)
    _cells(signed_in)
    Client.objects.update(gender="man")  # no signal: only a count afresh shows it
    settings.TIME_ZONE = "UTC"  # the quarter's first and last moments move
    assert _cells(signed_in) == _fresh()

"""The quarterly victim-services report against numbers worked out by hand.

tests/report_data.py describes the six people and says why each number below is what it
is; nothing here calls the report code to compute an expected value.
"""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from crisis_center.reports import Period
from intake import reports
from intake.reports import quarterly_report
from tests.report_data import build_anonymous_quarter, build_quarter

pytestmark = pytest.mark.django_db

Q2 = Period(2026, 2)


@pytest.fixture
def report(staff):
    build_quarter(staff)
    return quarterly_report(Q2)


def block(report, key) -> dict[str, int]:
    return dict(next(b for b in report.blocks if b.key == key).rows)


def test_fiscal_quarters_follow_the_fiscal_year_start(settings):
    assert (Q2.start, Q2.end, Q2.fy_start) == (
        date(2026, 1, 1),
        date(2026, 3, 31),
        date(2025, 10, 1),
    )
    assert Period(2026, 1).start == date(2025, 10, 1)
    assert Period(2026, 4).end == date(2026, 9, 30)
    assert Period.containing(date(2026, 10, 1)) == Period(2027, 1)
    settings.FISCAL_YEAR_START_MONTH = 7
    assert (Period(2026, 1).start, Period(2026, 1).end) == (date(2025, 7, 1), date(2025, 9, 30))
    assert Period.containing(date(2026, 6, 30)) == Period(2026, 4)
    settings.FISCAL_YEAR_START_MONTH = 1
    assert (Period(2026, 1).start, Period(2026, 4).end) == (date(2026, 1, 1), date(2026, 12, 31))


def test_the_period_in_words(settings):
    # Marked for translation; in English it reads as it always has.
    assert Period(2026, 1).label == "FY 2026 Q1 (Oct 1, 2025 to Dec 31, 2025)"
    assert Period(2026, 3).label == "FY 2026 Q3 (Apr 1, 2026 to Jun 30, 2026)"
    assert Period(2026, 0).label == "FY 2026 whole year (Oct 1, 2025 to Sep 30, 2026)"
    settings.FISCAL_YEAR_START_MONTH = 7
    assert Period(2027, 1).label == "FY 2027 Q1 (Jul 1, 2026 to Sep 30, 2026)"


def test_new_and_continuing_individuals(report):
    # Ana, Cy, Dee, Fay are new; Bea was served in Q1; Eve only in Q3.
    assert (report.individuals, report.new, report.continuing) == (5, 4, 1)


def test_anonymous_contacts_count_apart_by_the_centers_local_day(report):
    # Jan 3 and Mar 30; the one at 23:59 on Dec 31 is Q1 even though it is Jan 1 in UTC.
    assert report.anonymous_contacts == 2


def test_race_block_of_the_new_adds_up_with_multiple_and_not_reported(report):
    race = block(report, "race")
    assert race["Hispanic or Latino"] == 1  # Ana
    assert race["Asian"] == 1  # Dee: "declined" beside a race is not a second race
    assert race["Multiple Races"] == 0  # Bea gives two races but is continuing
    assert race["Not Reported"] == 2  # Cy (not asked), Fay (declined)
    assert race["Not Tracked"] == 0
    assert sum(race.values()) == 4


def test_gender_block_maps_the_record_to_the_form(report):
    assert block(report, "gender") == {
        "Male": 1, "Female": 1, "Other": 1, "Not Reported": 1, "Not Tracked": 0
    }  # fmt: skip


def test_age_is_taken_at_first_service_in_the_fiscal_year(report):
    age = block(report, "age")
    # Ana: 25 on Jan 10. Dee: first service Mar 20, turns 16 on Apr 1: 15.
    assert age["25-59"] == 1
    assert age["13-17"] == 1
    assert age["Not Reported"] == 2  # Cy not asked, Fay declined
    assert sum(age.values()) == 4


def test_victimization_types_count_everyone_served_and_people_with_several(report):
    types = block(report, "victimization")
    assert types["Human Trafficking: Sex"] == 2  # Ana (new) and Bea (continuing)
    assert types["Adult Sexual Assault"] == 1
    assert types["Child Sexual Abuse/Assault"] == 1
    assert types["People with more than one type"] == 1  # Ana
    assert types["No type recorded"] == 2  # Cy, Fay
    assert types["Robbery"] == 0


def test_special_classifications(report):
    special = block(report, "special")
    assert special["Homeless"] == 1
    assert special["Victims with Limited English Proficiency"] == 1
    assert sum(special.values()) == 2


def test_services_count_individuals_per_category_and_times_per_code(report):
    categories = block(report, "categories")
    # A Cy; B Ana, Fay; C four people and the two anonymous callers of Q2; E Dee.
    assert list(categories.values()) == [1, 2, 6, 0, 1]
    c = block(report, "services_C")
    # C2: Ana's call and the two anonymous callers' crisis intervention.
    assert [c[label] for label in c if label[:2] in ("C1", "C2", "C4", "C5", "C6")] == [
        1, 3, 1, 1, 1
    ]  # fmt: skip
    assert block(report, "services_B")["B2 Advocacy/accompaniment to a medical forensic exam"] == 1
    assert (
        block(report, "services_E")["E4 Civil legal assistance: protection or restraining order"]
        == 1
    )
    assert block(report, "compensation") == {"People helped to apply for compensation": 1}


def test_times_can_exceed_individuals(staff):
    people = build_quarter(staff)
    from advocacy.models import CounselingSession
    from tests.report_data import at

    CounselingSession.objects.create(
        client=people["bea"], created_by=staff["supervisor"], occurred_at=at(2026, 3, 1)
    )
    report = quarterly_report(Q2)
    assert block(report, "services_C")["C4 Individual counseling"] == 2
    assert block(report, "categories")["C. Emotional support and safety services"] == 6


def test_the_report_runs_a_fixed_number_of_queries(staff, django_assert_num_queries):
    build_quarter(staff)
    # the center's settings (which demographics it collects; a page has read them for
    # its header already), totals, anonymous contacts, classifications, race/gender/age
    # (one grouped query), types, several/none, categories of the identified, of the
    # anonymous, codes
    with django_assert_num_queries(10):
        quarterly_report(Q2)


# Anonymous callers' services: tests/report_data.py build_anonymous_quarter works every
# number out by hand.


@pytest.fixture
def anonymous_report(staff):
    build_anonymous_quarter(staff)
    return quarterly_report(Q2)


def test_an_anonymous_contact_counts_only_when_a_service_was_given(anonymous_report):
    # Callers 1, 2 and 4: not the hang-up, not caller 5 (Q3), not caller 6 (named Hana).
    assert anonymous_report.anonymous_contacts == 3
    assert (anonymous_report.individuals, anonymous_report.new) == (2, 2)


def test_anonymous_contacts_count_in_each_service_category_they_received(anonymous_report):
    assert list(block(anonymous_report, "categories_identified").values()) == [1, 0, 2, 0, 0]
    assert list(block(anonymous_report, "categories_anonymous").values()) == [2, 1, 3, 0, 0]
    assert list(block(anonymous_report, "categories").values()) == [3, 1, 5, 0, 0]


def test_services_on_anonymous_contacts_count_as_times_given(anonymous_report):
    a, b, c = (block(anonymous_report, f"services_{category}") for category in "ABC")
    assert a["A3 Referral to other victim service programs"] == 1
    assert a["A4 Referral to other services, supports and resources"] == 2
    assert b["B10 Interpreter services"] == 1
    assert c["C2 Hotline/crisis line counseling"] == 5
    assert c["C4 Individual counseling"] == 1
    anonymous = block(anonymous_report, "services_anonymous")
    given = {label.split()[0]: n for label, n in anonymous.items() if n}
    assert given == {"A3": 1, "A4": 1, "B10": 1, "C2": 3}


def test_no_category_exceeds_individuals_plus_anonymous_contacts(anonymous_report):
    categories = next(b for b in anonymous_report.blocks if b.key == "categories")
    assert max(n for _, n in categories.rows) == 5 == 2 + 3  # C, exactly at the limit
    assert categories.warning == ""


def _cells(response) -> dict[tuple[str, str], str]:
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return {(section, item): count for section, item, count in rows[1:]}


def test_the_page_and_csv_show_identified_and_anonymous_apart(client, staff):
    build_anonymous_quarter(staff)
    client.force_login(staff["supervisor"])
    query = {"fiscal_year": 2026, "quarter": 2}
    page = client.get(reverse("quarterly_report"), query).content.decode()
    for title in ("Service categories: identified individuals",
                  "Service categories: anonymous contacts",
                  "Times each service was given on anonymous contacts"):  # fmt: skip
        assert title in page
    cells = _cells(client.get(reverse("quarterly_report"), {**query, "format": "csv"}))
    c = "C. Emotional support and safety services"
    assert cells[("Individuals served by service category", c)] == "5"
    assert cells[("Service categories: identified individuals", c)] == "2"
    assert cells[("Service categories: anonymous contacts", c)] == "3"
    assert "anonymous contacts together" not in page  # no failed check


def test_a_category_over_individuals_plus_anonymous_contacts_is_a_visible_warning(
    client, staff, monkeypatch
):
    build_anonymous_quarter(staff)
    counted = reports._people_per_category

    def one_too_many(period):  # as if the ledger and the people disagreed
        identified, anonymous = counted(period)
        return {**identified, "B": 5}, anonymous  # B: 5 + 1 = 6 > 2 + 3

    monkeypatch.setattr(reports, "_people_per_category", one_too_many)
    client.force_login(staff["supervisor"])
    query = {"fiscal_year": 2026, "quarter": 2}
    page = client.get(reverse("quarterly_report"), query).content.decode()
    warning = (
        "B. Personal advocacy and accompaniment counts 6 individuals, more than the 2 "
        "individuals served and 3 anonymous contacts together (5)"
    )
    assert 'class="alert alert-warning"' in page and warning in page
    assert "A check of the counts failed: see “Individuals served by service category”" in page
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("quarterly_report"), {**query, "format": "csv"}).content.decode()
    )))  # fmt: skip
    assert any(warning in row[1] for row in rows if row[0] == "Check")

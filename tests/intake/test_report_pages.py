"""Report pages: who may open them, suppression, CSV, bad input, bounded queries, and
the dashboard and outcome measures against numbers worked out by hand."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from advocacy.models import MedicalAdvocacy, ServiceGoal
from crisis_center.reports import Period, outcome_measures
from intake.models import EmergencyAccess
from intake.reports import caseload_dashboard
from tests.factories import ClientFactory, ContactFactory, ScreeningFactory, StaffFactory
from tests.report_data import at, build_quarter

pytestmark = pytest.mark.django_db

Q2 = {"fiscal_year": 2026, "quarter": 2}
REPORTS = ["report_index", "quarterly_report", "outcome_measures", "stability_report"]


@pytest.mark.parametrize("name", [*REPORTS, "caseload_dashboard"])
@pytest.mark.parametrize("username", ["advocate", "trainee", "supervisor", "coordinator", "admin"])
def test_reports_are_for_supervisors_and_coordinators(client, staff, name, username):
    client.force_login(staff[username])
    allowed = {"supervisor"} if name == "caseload_dashboard" else {"supervisor", "coordinator"}
    assert client.get(reverse(name)).status_code == (200 if username in allowed else 404)


@pytest.mark.parametrize("name", [*REPORTS, "caseload_dashboard"])
def test_anonymous_visitor_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_coordinator_sees_counts_of_one_to_four_suppressed_on_page_and_in_csv(client, staff):
    build_quarter(staff)
    client.force_login(staff["coordinator"])
    page = client.get(reverse("quarterly_report"), Q2).content.decode()
    assert "1-4" in page
    rows = _csv(client.get(reverse("quarterly_report"), {**Q2, "format": "csv"}))
    cells = {(section, item): count for section, item, count in rows[1:]}
    assert cells[("Individuals served", "Total")] == "5"
    assert cells[("Individuals served", "New")] == "1-4"
    assert cells[("Individuals served", "Continuing")] == "1-4"
    assert (
        cells[("Anonymous contacts", "Contacts with people who did not identify themselves")]
        == "1-4"
    )
    # Four new people: a block about one to four people shows no breakdown (their
    # four genders, one each, would be given away by four rows of "1-4").
    assert cells[("Gender identity (new individuals)", "Female")] == "hidden"
    assert cells[("Gender identity (new individuals)", "Not Tracked")] == "hidden"
    assert cells[("Gender identity (new individuals)", "Total")] == "1-4"
    # 6: category C, four people and the two anonymous callers of Q2.
    assert not set(cells.values()) - {"0", "1-4", "5", "6", "hidden"}


def test_supervisor_gets_exact_counts_and_the_csv_names_no_one(client, staff):
    people = build_quarter(staff)
    client.force_login(staff["supervisor"])
    response = client.get(reverse("quarterly_report"), {**Q2, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="victim-services-fy2026-q2.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == ["section", "item", "count"]
    cells = {(section, item): count for section, item, count in rows[1:]}
    assert cells[("Individuals served", "New")] == "4"
    text = response.content.decode()
    assert not any(p.pseudonym in text for p in people.values())


@pytest.mark.parametrize(
    "query",
    [
        {"fiscal_year": "abc", "quarter": "2"},
        {"fiscal_year": "2026", "quarter": "9"},
        {"fiscal_year": "9" * 40, "quarter": "1"},
        {"fiscal_year": "1999", "quarter": "1", "format": "csv"},
        {"quarter": "\x00"},
    ],
)
def test_bad_periods_are_explained_not_a_server_error(client, staff, query):
    client.force_login(staff["supervisor"])
    for name in ("quarterly_report", "outcome_measures"):
        response = client.get(reverse(name), query)
        assert response.status_code == 200
        assert "Choose a fiscal year" in response.content.decode()


def test_default_period_is_the_current_quarter(client, staff):
    client.force_login(staff["supervisor"])
    current = Period.containing(timezone.localdate())
    assert current.label in client.get(reverse("quarterly_report")).content.decode()


# Every page: session, user, the center's settings, and 5 for the request transaction's
# savepoints and the session's idle-timeout update. Then the report's own aggregates: 9
# for the quarterly report; 1 or 2 per outcome measure (9 for the eight measures).
REQUEST = 8


@pytest.mark.parametrize(("name", "queries"), [("quarterly_report", 9), ("outcome_measures", 9)])
def test_report_pages_run_the_same_queries_whatever_the_data(
    client, staff, name, queries, django_assert_num_queries
):
    # Counting: the stored counts looked up, the aggregates, the counts stored. Looking
    # again: the stored counts alone.
    counting, stored = REQUEST + 1 + queries + 1, REQUEST + 1
    client.force_login(staff["supervisor"])
    with django_assert_num_queries(counting):
        client.get(reverse(name), Q2)
    with django_assert_num_queries(stored):
        client.get(reverse(name), Q2)
    build_quarter(staff)
    for n in range(30):
        ContactFactory(advocate=staff["advocate"], started_at=at(2026, 2, 1 + n % 27))
    with django_assert_num_queries(counting):
        client.get(reverse(name), Q2)
    with django_assert_num_queries(stored):
        client.get(reverse(name), Q2)


def test_caseload_dashboard_page_runs_the_same_queries_whatever_the_data(
    client, staff, django_assert_num_queries
):
    build_quarter(staff)
    client.force_login(staff["supervisor"])
    # the running counts summed (one query), the two charts (one each), then the staff
    # list: its count, the largest caseload (the bars' scale) and one page of 25
    with django_assert_num_queries(REQUEST + 6):
        response = client.get(reverse("caseload_dashboard"))
    assert response.status_code == 200
    for n in range(30):
        advocate = StaffFactory(username=f"advocate-{n}", certified=True)
        ClientFactory(created_by=advocate)
        ContactFactory(advocate=advocate)
    for page in ("1", "2"):
        with django_assert_num_queries(REQUEST + 6):
            response = client.get(reverse("caseload_dashboard"), {"page": page})
        assert response.status_code == 200


def test_caseload_csv_lists_every_staff_member_in_the_same_queries(client, staff):
    def download() -> tuple[int, list[list[str]]]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("caseload_dashboard"), {"format": "csv"})
        return len(queries), [row for row in _csv(response) if row[0].startswith("Active")]

    ClientFactory(created_by=staff["advocate"])
    client.force_login(staff["supervisor"])
    few, rows = download()
    assert len(rows) == 1
    for n in range(40):
        ClientFactory(created_by=StaffFactory(username=f"advocate-{n}", certified=True))
    many, rows = download()
    assert (many, len(rows)) == (few, 41)  # all of them, not a page


def test_staff_list_is_paged_largest_caseload_first_on_one_scale(client, staff):
    for n in range(27):
        advocate = StaffFactory(username=f"advocate-{n:02d}", last_name=f"L{n:02d}",
                                certified=True)  # fmt: skip
        for _ in range(1 + n % 3):
            ClientFactory(created_by=advocate)
    client.force_login(staff["supervisor"])
    first = client.get(reverse("caseload_dashboard")).content.decode()
    second = client.get(reverse("caseload_dashboard"), {"page": "2"}).content.decode()
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    # 9 staff with 3 clients, then 9 with 2, then 9 with 1; by last name within each.
    assert first.index("L02") < first.index("L05") < first.index("L01") < first.index("L00")
    assert "L21" not in first and "L21" in second and "L24" in second
    assert first.count('max="3"') == 25 and second.count('max="3"') == 2


def test_caseload_dashboard_against_hand_counts(staff):
    advocate, advocate2 = staff["advocate"], staff["advocate2"]
    today = date(2026, 6, 17)  # a Wednesday; the week starts Monday June 15
    mine = [ClientFactory(created_by=advocate) for _ in range(3)]
    ClientFactory(created_by=advocate2, status="closed")  # closed: not on the caseload count
    ContactFactory(advocate=advocate, started_at=at(2026, 6, 15, 8))
    ContactFactory(advocate=advocate, client=mine[0], started_at=at(2026, 6, 16))
    ContactFactory(advocate=advocate, started_at=at(2026, 6, 14, 23))  # Sunday: last week
    ScreeningFactory(client=mine[0], created_by=advocate, q3="yes")  # a concerning answer
    ScreeningFactory(client=mine[1], created_by=advocate, indicators=["bruises"])
    ScreeningFactory(client=mine[2], created_by=advocate)  # nothing concerning
    EmergencyAccess.objects.create(
        client=mine[0], user=advocate2, reason="Caller in crisis",
        expires_at=timezone.now() + timedelta(hours=1),
    )  # fmt: skip
    MedicalAdvocacy.objects.create(
        client=mine[0], created_by=advocate, follow_up_by=date(2026, 6, 17)
    )
    MedicalAdvocacy.objects.create(
        client=mine[1], created_by=advocate, follow_up_by=date(2026, 6, 18)
    )  # tomorrow: not yet due
    ServiceGoal.objects.create(
        client=mine[2], created_by=advocate, goal="Housing", target_date=date(2026, 6, 1)
    )
    with timezone.override(timezone.get_current_timezone()):
        d = caseload_dashboard(today)
    assert [(r["staff__username"], r["clients"]) for r in d.per_advocate] == [("advocate", 3)]
    assert (d.clients["active"], d.clients["closed"]) == (3, 1)
    assert d.contacts == {"total": 2, "anonymous": 1}
    assert d.reviews_pending == 1
    assert d.concerns == 2
    assert dict(d.due)["Medical follow-ups"] == 1
    assert dict(d.due)["Service goals past their target date"] == 1
    assert dict(d.due)["Referral follow-ups"] == 0


def test_concerning_screenings_are_counted_for_the_last_thirty_days(staff, own_client):
    ScreeningFactory(client=own_client, created_by=staff["advocate"], q3="yes")
    ScreeningFactory(
        client=own_client,
        created_by=staff["advocate"],
        q3="yes",
        screened_at=timezone.now() - timedelta(days=45),
    )
    assert caseload_dashboard().concerns == 1


def test_outcome_measures_against_hand_counts(staff):
    build_quarter(staff)
    blocks = {block.key: dict(block.rows) for block in outcome_measures(Period(2026, 2))}
    # Ana and Bea have the type Human Trafficking: Sex; neither says who referred them.
    assert blocks["served_by_source"]["Not asked"] == 2
    assert sum(blocks["served_by_source"].values()) == 2
    # Dee's order of protection was in court on March 31.
    assert blocks["justice"]["People with advocacy at: Court"] == 1
    assert sum(blocks["justice"].values()) == 1
    # Cy's referral on March 31 (the one on September 30 was another year).
    assert blocks["referrals"] == {
        "Referrals made to other providers": 1,
        "… of them for sex-trafficking survivors": 0,
        "Referrals received from partner agencies": 0,
    }


def test_supervisor_opens_a_count_to_the_services_behind_it_and_it_is_logged(client, staff):
    from crisis_center.models import AccessLog

    people = build_quarter(staff)
    client.force_login(staff["supervisor"])
    page = client.get(reverse("quarterly_report"), Q2).content.decode()
    assert f"{reverse('report_entries')}?fiscal_year=2026&amp;quarter=2&amp;category=C" in page
    response = client.get(reverse("report_entries"), {**Q2, "category": "C"})
    text = response.content.decode()
    # C1 Fay, C2 Ana, C4 and C6 Bea, C5 Dee: five services of four people; and C2 on
    # each of the two anonymous calls of Q2, which name no one and log no one.
    assert "7 services behind this count" in text
    assert text.count(">Anonymous contact</a>") == 2
    assert all(people[p].pseudonym in text for p in ("ana", "bea", "dee", "fay"))
    assert ">Cy</a>" not in text  # Cy's only service is A4
    logged = set(
        AccessLog.objects.filter(user=staff["supervisor"]).values_list("client_id", flat=True)
    )
    assert logged == {people[p].pk for p in ("ana", "bea", "dee", "fay")}


@pytest.mark.parametrize("username", ["coordinator", "advocate", "admin"])
def test_only_supervisors_open_a_count_to_names(client, staff, username):
    build_quarter(staff)
    client.force_login(staff[username])
    assert client.get(reverse("report_entries"), {**Q2, "code": "C2"}).status_code == 404
    if username == "coordinator":
        page = client.get(reverse("quarterly_report"), Q2).content.decode()
        assert reverse("report_entries") not in page


@pytest.mark.parametrize(
    "query", [{"code": "Z9"}, {"category": "F"}, {}, {"code": "C2", "fiscal_year": "x"}]
)
def test_a_cell_that_does_not_exist_is_404(client, staff, query):
    client.force_login(staff["supervisor"])
    assert client.get(reverse("report_entries"), {**Q2, **query}).status_code == 404


def test_the_entries_page_runs_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries
):
    build_quarter(staff)
    client.force_login(staff["supervisor"])
    client.get(reverse("report_entries"), {**Q2, "category": "C"})  # content types cached
    # count, one page of services with clients and types, the access-log insert
    with django_assert_max_num_queries(REQUEST + 3):
        client.get(reverse("report_entries"), {**Q2, "category": "C"})


def test_caseload_dashboard_downloads_as_csv(client, staff):
    ClientFactory(created_by=staff["advocate"])
    ContactFactory(advocate=staff["advocate"])
    client.force_login(staff["supervisor"])
    response = client.get(reverse("caseload_dashboard"), {"format": "csv"})
    rows = _csv(response)
    assert rows[0] == ["section", "item", "count"]
    cells = {(section, item): count for section, item, count in rows[1:]}
    advocate = staff["advocate"]
    assert cells[("Active clients per staff member", advocate.get_full_name())] == "1"
    assert cells[("Client files", "Active")] == "1"
    assert cells[("Contacts this week", "Anonymous")] == "1"
    assert cells[("Follow-ups due", "Medical follow-ups")] == "0"


def test_the_quarterly_report_lists_its_blocks_and_folds_away_rows_at_zero(client, staff):
    build_quarter(staff)
    client.force_login(staff["supervisor"])
    response = client.get(reverse("quarterly_report"), Q2)
    body = response.content.decode()
    shown = response.context["shown"]
    # The contents: a link to each block's heading.
    for n, entry in enumerate(shown, start=1):
        assert f'<a href="#block-{n}">{escape(entry["block"].title)}</a>' in body
        assert f'id="block-{n}"' in body
    # Every row is on the page once: those counted in the table, those at zero behind
    # a <details> toggle (no script); the totals stay in the table.
    individuals = next(e for e in shown if e["block"].key == "individuals")
    assert [row[0] for row in individuals["counted"]] == ["New", "Continuing"]
    assert '<tfoot><tr><th scope="row">Total</th><th class="text-end">5</th>' in body
    gender = next(e for e in shown if e["block"].key == "gender")
    assert [row[0] for row in gender["zeros"]] == ["Not Tracked"]
    assert body.count("<details") == sum(1 for e in shown if e["zeros"])
    assert sum(len(e["counted"]) + len(e["zeros"]) for e in shown) == sum(
        len(e["rows"]) for e in shown
    )
    assert any(not e["counted"] for e in shown) and "(all zero)" in body
    assert "<script" not in body.split("<main")[-1].split("</main>")[0]


def test_the_csv_keeps_every_row_at_zero(client, staff):
    build_quarter(staff)
    client.force_login(staff["supervisor"])
    rows = _csv(client.get(reverse("quarterly_report"), {**Q2, "format": "csv"}))
    cells = {(section, item): count for section, item, count in rows[1:]}
    assert cells[("Gender identity (new individuals)", "Not Tracked")] == "0"
    assert cells[("Gender identity (new individuals)", "Total")] == "4"

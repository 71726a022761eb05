"""The service-hours report against a dataset worked out by hand: hours by kind and by
staff member, volunteers apart, at the period's local-time bounds; the CSV is the page.

FY 2026 Q2 (fiscal year from October) runs January 1 to March 31, 2026, in the
center's time zone (settings.TIME_ZONE, America/Chicago).

    record           given by          when (local)        minutes   counted
    medical          advocate          Jan 1 00:30         90        yes (first half hour in)
    medical          advocate          Dec 31 23:30        60        no  (the quarter before)
    legal            volunteer         Mar 31 23:30        45        yes (last half hour in)
    legal            volunteer         Apr 1 00:30         30        no  (the quarter after)
    counseling       advocate2         Feb 11              50        yes
    accompaniment    advocate2         Feb 10              none      yes, time not recorded
    contact          volunteer         Feb 12              20        yes
    contact (anon.)  advocate          Mar 1               15        yes
    group session    advocate, vol.    Feb 20, 2 attended  120       yes: 2 x 2 h received,
                                                                     2 h given by each
    group session    advocate          Mar 5, none came    60        no

By kind: contacts 2 records 35 min (0.58 h); medical 1, 1.5 h; legal 1, 0.75 h;
counseling 1, 0.83 h; accompaniment 1, 0 h, 1 without time; groups 2, 4 h. Total 8
records, 460 min = 7.67 h, 1 without time.
Staff: advocate 15 + 90 + 120 = 225 min = 3.75 h; advocate2 50 min = 0.83 h, 1 without
time. Volunteers: Vera 20 + 45 + 120 = 185 min = 3.08 h.
"""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from advocacy.models import (
    Accompaniment,
    CounselingSession,
    GroupAttendance,
    GroupSession,
    LegalAdvocacy,
    MedicalAdvocacy,
    SupportGroup,
)
from crisis_center import service_hours
from crisis_center.roles import Role
from tests.conftest import OTHER_NAME, OWN_NAME
from tests.factories import ContactFactory, StaffFactory, TrainingRecordFactory
from tests.report_data import at

pytestmark = pytest.mark.django_db

Q2 = {"fiscal_year": 2026, "quarter": 2}
KINDS = [
    "Crisis contact",
    "Medical advocacy",
    "Legal advocacy",
    "Counseling session",
    "Accompaniment",
    "Group session",
]


@pytest.fixture
def volunteer(db):
    return StaffFactory(
        username="vera", first_name="Vera", last_name="Lind", certified=True, is_volunteer=True
    )


@pytest.fixture
def dataset(staff, volunteer, own_client, other_client):
    advocate, advocate2 = staff["advocate"], staff["advocate2"]
    TrainingRecordFactory(staff=advocate2, topic="counseling", hours=20)

    def medical(when, minutes, by):
        MedicalAdvocacy.objects.create(
            client=own_client, created_by=advocate, given_by=by, occurred_at=when,
            duration_minutes=minutes,
        )  # fmt: skip

    medical(at(2026, 1, 1, 0, 30), 90, advocate)
    medical(at(2025, 12, 31, 23, 30), 60, advocate)
    for when, minutes in ((at(2026, 3, 31, 23, 30), 45), (at(2026, 4, 1, 0, 30), 30)):
        LegalAdvocacy.objects.create(
            client=own_client, created_by=advocate, given_by=volunteer, occurred_at=when,
            duration_minutes=minutes,
        )  # fmt: skip
    CounselingSession.objects.create(
        client=other_client, created_by=advocate2, occurred_at=at(2026, 2, 11),
        duration_minutes=50,
    )  # fmt: skip
    Accompaniment.objects.create(
        client=other_client, created_by=advocate2, occurred_at=at(2026, 2, 10),
        agency="Court", purpose="Hearing",
    )  # fmt: skip
    ContactFactory(
        advocate=advocate, given_by=volunteer, client=own_client, started_at=at(2026, 2, 12),
        duration_minutes=20,
    )  # fmt: skip
    ContactFactory(advocate=advocate, started_at=at(2026, 3, 1), duration_minutes=15)
    group = SupportGroup.objects.create(name="Tuesday circle")
    attended = GroupSession.objects.create(
        group=group, occurred_at=at(2026, 2, 20), duration_minutes=120
    )
    attended.facilitators.set([advocate, volunteer])
    for person, author in ((own_client, advocate), (other_client, advocate2)):
        GroupAttendance.objects.create(client=person, created_by=author, session=attended)
    empty = GroupSession.objects.create(
        group=group, occurred_at=at(2026, 3, 5), duration_minutes=60
    )
    empty.facilitators.set([advocate])
    return staff


def test_service_hours_on_a_hand_worked_dataset(dataset):
    names = [str(dataset["advocate"]), str(dataset["advocate2"])]
    report = service_hours.service_hours(service_hours.Period(2026, 2))

    by_kind = [(r.label, r.records, r.hours, r.untimed) for r in report.kinds]
    assert by_kind == [
        ("Crisis contact", 2, "0.58", 0),
        ("Medical advocacy", 1, "1.5", 0),
        ("Legal advocacy", 1, "0.75", 0),
        ("Counseling session", 1, "0.83", 0),
        ("Accompaniment", 1, "0", 1),
        ("Group session", 2, "4", 0),
    ]
    total = report.total()
    assert (total.records, total.hours, total.untimed) == (8, "7.67", 1)
    assert [row.name for row in report.staff] == sorted(names, key=str.casefold)
    advocate, advocate2 = ({row.name: row for row in report.staff}[name] for name in names)
    assert (advocate.cells, advocate.total, advocate.untimed) == (
        ["0.25", "1.5", "0", "0", "0", "2"], "3.75", 0
    )  # fmt: skip
    assert (advocate2.cells, advocate2.total, advocate2.untimed) == (
        ["0", "0", "0", "0.83", "0", "0"], "0.83", 1
    )  # fmt: skip
    (vera,) = report.volunteers
    assert (vera.name, vera.cells, vera.total) == (
        "Vera Lind", ["0.33", "0", "0.75", "0", "0", "2"], "3.08"
    )  # fmt: skip
    staff_total = report.table(report.staff)
    assert (staff_total.total, staff_total.untimed) == ("4.58", 1)


def test_the_next_quarter_takes_what_crossed_its_first_moment(dataset):
    report = service_hours.service_hours(service_hours.Period(2026, 3))
    assert [(r.label, r.records, r.hours) for r in report.kinds if r.records] == [
        ("Legal advocacy", 1, "0.5")
    ]
    assert [v.total for v in report.volunteers] == ["0.5"] and report.staff == []


class _Tables(HTMLParser):
    """The report page's tables as CSV rows: section, row, column, value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.section = ""
        self.header: list[str] = []
        self.cells: list[str] | None = None
        self.text: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "table" and "service-hours" in (attrs.get("class") or ""):
            self.section, self.header = attrs["data-section"], []
        elif tag == "tr" and self.section:
            self.cells = []
        elif tag in ("th", "td") and self.cells is not None:
            self.text = []

    def handle_data(self, data) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag) -> None:
        if tag in ("th", "td") and self.text is not None:
            self.cells.append("".join(self.text).strip())
            self.text = None
        elif tag == "tr" and self.cells is not None:
            if not self.header:
                self.header = self.cells
            else:
                label, *values = self.cells
                self.rows += [
                    [self.section, label, column, value]
                    for column, value in zip(self.header[1:], values, strict=True)
                ]
            self.cells = None
        elif tag == "table":
            self.section = ""


def _page_cells(body: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(body)
    return parser.rows


@pytest.mark.parametrize("username", ["supervisor", "coordinator"])
def test_the_csv_holds_what_the_page_shows_and_no_client(client, dataset, username):
    client.force_login(dataset[username])
    page = client.get(reverse("service_hours"), Q2).content.decode()
    response = client.get(reverse("service_hours"), {**Q2, "format": "csv"})
    assert 'filename="service-hours-fy2026-q2.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "row", "column", "value"]
    assert _page_cells(page) == rows[1:]
    assert ["Volunteers", "Vera Lind", "Total hours", "3.08"] in rows[1:]
    assert ["By service kind", "Medical advocacy", "Hours", "1.5"] in rows[1:]
    assert ["By service kind", "Total", "Records without a recorded time", "1"] in rows[1:]
    for text in (page, response.content.decode()):
        assert OWN_NAME not in text and OTHER_NAME not in text


@pytest.mark.parametrize("username", ["advocate", "trainee", "supervisor", "coordinator", "admin"])
def test_service_hours_are_for_those_who_see_reports(client, staff, username):
    client.force_login(staff[username])
    allowed = username in ("supervisor", "coordinator")
    assert client.get(reverse("service_hours")).status_code == (200 if allowed else 404)
    assert client.get(reverse("service_hours"), {**Q2, "format": "csv"}).status_code == (
        200 if allowed else 404
    )


@pytest.mark.parametrize("query", [{"fiscal_year": "abc", "quarter": "2"}, {"quarter": "\x00"}])
def test_a_bad_period_is_explained(client, staff, query):
    client.force_login(staff["supervisor"])
    response = client.get(reverse("service_hours"), query)
    assert response.status_code == 200 and "Choose a fiscal year" in response.content.decode()


def test_an_empty_period_says_so(client, staff):
    client.force_login(staff["supervisor"])
    body = client.get(reverse("service_hours"), Q2).content.decode()
    assert "No staff gave a direct service in this period." in body
    assert "No volunteers gave a direct service in this period." in body


def test_the_page_runs_the_same_queries_whatever_the_data(
    client, staff, volunteer, own_client, django_assert_num_queries
):
    # The request's 7 (session, user, savepoints, the session's idle-timeout update) and
    # one aggregate per kind of service, two for groups (received, given): 14.
    client.force_login(staff["supervisor"])
    with django_assert_num_queries(15):
        client.get(reverse("service_hours"), Q2)
    helpers = StaffFactory.create_batch(5, certified=True, role=Role.ADVOCATE)
    for n, person in enumerate([*helpers, volunteer] * 5):
        ContactFactory(
            advocate=staff["advocate"], given_by=person, started_at=at(2026, 2, 1 + n % 27),
            duration_minutes=10 + n,
        )  # fmt: skip
        MedicalAdvocacy.objects.create(
            client=own_client, created_by=staff["advocate"], given_by=person,
            occurred_at=at(2026, 3, 1 + n % 27),
        )  # fmt: skip
    with django_assert_num_queries(15):
        body = client.get(reverse("service_hours"), Q2).content.decode()
    assert body.count("<tr>") >= 8

"""The caseload dashboard on the supervisor's home page: who sees it, every number opens
the list behind it (through the access policy, logged), the two charts against hand
counts, drawn without script or style attributes, in a fixed number of queries."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import MedicalAdvocacy, ServiceGoal
from crisis_center import charts
from crisis_center.models import AccessLog
from crisis_center.reports import DUE
from intake import counts as running
from intake.reports import _spans, caseload_dashboard, trends
from referrals import report_measures as referral_counts
from referrals.models import Agency, NetworkingAgreement
from tests.factories import ClientFactory, ContactFactory, ScreeningFactory
from tests.intake.test_minors import HOME
from tests.report_data import at

pytestmark = pytest.mark.django_db

REQUEST = 8  # as tests/intake/test_report_pages.py
ROLES = ["advocate", "advocate2", "trainee", "supervisor", "coordinator", "admin"]


@pytest.fixture
def day(staff):
    """Clients, contacts, screenings and follow-ups counted by the dashboard today."""
    advocate, advocate2 = staff["advocate"], staff["advocate2"]
    today, now = timezone.localdate(), timezone.now()
    mine = [ClientFactory(created_by=advocate, pseudonym=f"Mine {n}") for n in range(3)]
    theirs = ClientFactory(created_by=advocate2, pseudonym="Theirs", status="inactive")
    ClientFactory(created_by=advocate2, pseudonym="Shut", status="closed")
    ContactFactory(advocate=advocate, started_at=now)  # anonymous
    ContactFactory(advocate=advocate, client=mine[0], started_at=now)
    ContactFactory(advocate=advocate, client=mine[1], started_at=now - timedelta(days=40))
    ScreeningFactory(client=mine[0], created_by=advocate, q3="yes")  # a concern
    ScreeningFactory(client=theirs, created_by=advocate2, indicators=["bruises"])
    ScreeningFactory(client=mine[2], created_by=advocate)  # nothing concerning
    MedicalAdvocacy.objects.create(client=mine[1], created_by=advocate, follow_up_by=today)
    MedicalAdvocacy.objects.create(
        client=mine[2], created_by=advocate, follow_up_by=today + timedelta(days=1)
    )  # not yet due
    ServiceGoal.objects.create(
        client=theirs, created_by=advocate2, goal="Housing", target_date=today - timedelta(days=3)
    )
    NetworkingAgreement.objects.create(
        agency=Agency.objects.create(name="Harbor House"), status="active",
        next_review=today - timedelta(days=1),
    )  # fmt: skip
    return {"mine": mine, "theirs": theirs}


def _links(body: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/reports/caseload/list/\?[^"]+)"', body)))


@pytest.mark.parametrize("username", ROLES)
def test_only_supervisors_get_the_dashboard_on_their_home_page(client, staff, username):
    client.force_login(staff[username])
    body = client.get(reverse("home")).content.decode()
    assert ("Caseload dashboard" in body) == (username == "supervisor")
    assert bool(_links(body)) == (username == "supervisor")


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("query", [{"count": "clients.active"}, {"count": "screenings.concerning"}])
def test_only_supervisors_open_a_number_to_the_list_behind_it(client, staff, day, username, query):
    client.force_login(staff[username])
    response = client.get(reverse("caseload_list"), query)
    assert response.status_code == (200 if username == "supervisor" else 404)
    if response.status_code == 404:
        assert not any(c.pseudonym in response.content.decode() for c in day["mine"])


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("caseload_list"), {"count": "contacts"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "query",
    [{}, {"count": "nothing"}, {"count": "caseload"}, {"staff": "x"}, {"staff": "9" * 30},
     {"staff": str(10**9)}, {"count": "clients.active", "page": "-1x"}],
)  # fmt: skip
def test_a_number_that_does_not_exist_is_404_not_an_error(client, staff, query):
    client.force_login(staff["supervisor"])
    response = client.get(reverse("caseload_list"), query)
    assert response.status_code == (200 if "page" in query else 404)


def test_every_number_on_the_home_page_opens_a_list_of_as_many(client, staff, day):
    client.force_login(staff["supervisor"])
    body = client.get(reverse("home")).content.decode()
    links = _links(body)
    names = {link.split("count=")[1] for link in links}
    shown = {*running.FILES.values(), running.OPENED, running.CONTACTS, running.ANONYMOUS,
             running.CONCERNS, *(due.name for due in DUE)}  # fmt: skip
    assert names == shown
    counts = running.sums(_spans(timezone.localdate()))
    for link in links:
        name = link.split("count=")[1]
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        assert response.context["page"].paginator.count == counts[name], name


def test_the_lists_name_the_clients_behind_the_number(client, staff, day):
    client.force_login(staff["supervisor"])
    body = client.get(reverse("caseload_list"), {"count": "screenings.concerning"})
    text = body.content.decode()
    assert "Mine 0" in text and "Theirs" in text
    assert "Mine 2" not in text and "Mine 1" not in text
    contacts = client.get(reverse("caseload_list"), {"count": "contacts"}).content.decode()
    assert "Mine 0" in contacts and ">Anonymous contact</a>" in contacts
    assert "Mine 1" not in contacts  # forty days ago
    closed = client.get(reverse("caseload_list"), {"count": "clients.closed"}).content.decode()
    assert "Shut" in closed and "Mine 0" not in closed


def test_an_agreement_due_for_review_is_listed_by_its_agency(
    client, staff, day, django_assert_max_num_queries
):
    client.force_login(staff["supervisor"])
    url = f"{reverse('caseload_list')}?count={referral_counts.REVIEWS_DUE}"
    client.get(url)
    with django_assert_max_num_queries(REQUEST + 2):  # the count, the page with agencies
        text = client.get(url).content.decode()
    assert "Agreement with Harbor House" in text


def test_the_list_runs_a_fixed_number_of_queries(client, staff, day, django_assert_max_num_queries):
    client.force_login(staff["supervisor"])
    url = f"{reverse('caseload_list')}?count=screenings.concerning"
    client.get(url)
    # the count, one page of screenings with their clients, the access-log insert
    with django_assert_max_num_queries(REQUEST + 3):
        client.get(url)
    for _ in range(20):
        ScreeningFactory(client=day["theirs"], created_by=staff["advocate2"], q3="yes")
    with django_assert_max_num_queries(REQUEST + 3):
        client.get(url)


def test_opening_a_list_writes_the_access_log_for_every_client_shown(client, staff, day):
    supervisor = staff["supervisor"]
    client.force_login(supervisor)
    client.get(reverse("caseload_list"), {"count": "screenings.concerning"})
    logged = AccessLog.objects.filter(user=supervisor, view_name="caseload_list")
    assert set(logged.values_list("client_id", flat=True)) == {
        day["mine"][0].pk,
        day["theirs"].pk,
    }


def test_a_staff_members_caseload_opens_to_their_active_clients(client, staff, day):
    client.force_login(staff["supervisor"])
    page = client.get(reverse("caseload_dashboard")).content.decode()
    link = f"{reverse('caseload_list')}?staff={staff['advocate'].pk}"
    assert f'href="{link}">3</a>' in page
    text = client.get(link).content.decode()
    assert all(f">{c.pseudonym}</a>" in text for c in day["mine"])
    assert "Theirs" not in text


def test_the_dashboard_stays_on_the_reports_page_too(client, staff, day):
    client.force_login(staff["supervisor"])
    page = client.get(reverse("caseload_dashboard")).content.decode()
    assert "?count=screenings.concerning" in page
    assert "Crisis contacts per week, last 12 weeks" in page


def test_the_charts_against_hand_counts(staff):
    advocate = staff["advocate"]
    today = date(2026, 6, 17)  # a Wednesday; the week starts Monday June 15
    ContactFactory(advocate=advocate, started_at=at(2026, 6, 15, 8))
    ContactFactory(advocate=advocate, started_at=at(2026, 6, 14, 23))  # the week before
    ContactFactory(advocate=advocate, started_at=at(2026, 3, 30, 9))  # 11 weeks back: first
    ContactFactory(advocate=advocate, started_at=at(2026, 3, 29, 9))  # the Sunday before: out
    for opened in (at(2026, 6, 1), at(2026, 6, 16), at(2025, 7, 31), at(2025, 6, 30)):
        made = ClientFactory(created_by=advocate)
        type(made).objects.filter(pk=made.pk).update(created_at=opened)
    found = trends(today)
    weeks = found.contacts_per_week
    assert weeks[-1] == (date(2026, 6, 15), 1)
    assert weeks[-2] == (date(2026, 6, 8), 1)
    assert weeks[0] == (date(2026, 3, 30), 1)
    assert sum(n for _, n in weeks) == 3 and len(weeks) == 12
    months = found.new_clients_per_month
    assert [m for m, _ in months][0] == date(2025, 7, 1) and len(months) == 12
    assert months[-1] == (date(2026, 6, 1), 2)
    assert months[0] == (date(2025, 7, 1), 1)  # June 30, 2025 is out
    assert sum(n for _, n in months) == 3


def test_the_charts_are_svg_with_their_numbers_as_text_and_no_style(client, staff, day):
    client.force_login(staff["supervisor"])
    body = client.get(reverse("home")).content.decode()
    assert body.count("<svg") == 2
    assert "style=" not in body and "<script>" not in body
    for chart in ("chart-contacts", "chart-clients"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in body
        assert f'<title id="{chart}-title">' in body
    # the hidden tables: a row per week and per month
    assert body.count('<tr><th scope="row">') >= 24


def test_a_chart_with_nothing_in_it_draws_empty_bars():
    drawn = charts.bar_chart([(date(2026, 1, 1), 0), (date(2026, 2, 1), 0)], name="c")
    assert drawn.largest == 0 and all(bar.height == 0 for bar in drawn.bars)
    drawn = charts.bar_chart(
        [(date(2026, 1, 1), 2), (date(2026, 2, 1), 4)], name="c", label_every=2
    )
    assert [bar.height for bar in drawn.bars] == [69.0, 138.0]
    assert [bar.labelled for bar in drawn.bars] == [False, True]  # the newest is labelled


def test_the_supervisors_home_page_costs_the_same_with_a_year_of_data(
    client, staff, django_assert_max_num_queries
):
    # HOME in tests/intake/test_minors.py: the dashboard adds three queries to it, the
    # running counts summed and one grouped query per chart.
    client.force_login(staff["supervisor"])
    with django_assert_max_num_queries(HOME):
        client.get(reverse("home"))
    now = timezone.now()
    for n in range(60):
        ContactFactory(advocate=staff["advocate"], started_at=now - timedelta(days=6 * n))
        ClientFactory(created_by=staff["advocate"])
    with django_assert_max_num_queries(HOME):
        response = client.get(reverse("home"))
    assert caseload_dashboard().contacts["total"] >= 1
    assert response.status_code == 200

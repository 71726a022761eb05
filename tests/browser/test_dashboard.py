"""The supervisor's home page with the caseload dashboard, wide and on a phone: a number
opens the list behind it, the charts are drawn, and axe finds nothing serious."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Client
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, ContactFactory, ScreeningFactory
from tests.report_data import build_quarter

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.usefixtures("funder_lists"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _a_year(staff) -> None:
    """A year of files opened and twelve weeks of calls, a few screenings with concerns."""
    advocate, now = staff["advocate"], timezone.now()
    for n in range(30):
        made = ClientFactory(created_by=advocate, pseudonym=f"Client {n:02d}")
        Client.objects.filter(pk=made.pk).update(created_at=now - timedelta(days=11 * n))
    for n in range(50):
        ContactFactory(advocate=advocate, started_at=now - timedelta(hours=37 * n))
    for client in Client.objects.order_by("pk")[:4]:
        ScreeningFactory(client=client, created_by=advocate, q3="yes")


def test_supervisor_home_shows_the_dashboard_and_each_number_opens_its_list(
    page, screenshot, axe, staff
):
    _a_year(staff)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, "supervisor", PASSWORD)
    page.goto("/")
    dashboard = page.locator("section", has=page.get_by_role("heading", name="Caseload dashboard"))
    expect(
        dashboard.get_by_role("img", name="Crisis contacts per week, last 12 weeks")
    ).to_be_visible()
    expect(
        dashboard.get_by_role("img", name="New clients per month, last 12 months")
    ).to_be_visible()
    assert axe() == []
    screenshot("supervisor-home-wide")

    concerns = dashboard.locator('a[href$="?count=screenings.concerning"]')
    expect(concerns).to_have_text("4")
    concerns.click()
    expect(page.get_by_role("heading", name="Screenings with concerns (30 days)")).to_be_visible()
    expect(page.get_by_role("link", name="Client 00")).to_be_visible()
    assert axe() == []
    screenshot("dashboard-list-wide")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    expect(
        dashboard.get_by_role("img", name="New clients per month, last 12 months")
    ).to_be_visible()
    assert axe() == []
    screenshot("supervisor-home-narrow")
    page.goto("/reports/caseload/")
    assert axe() == []
    screenshot("dashboard-narrow")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/reports/caseload/")
    assert axe() == []
    screenshot("dashboard-wide")


def test_the_quarterly_report_has_contents_and_folds_away_its_zeros(page, screenshot, axe, staff):
    build_quarter(staff)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, "supervisor", PASSWORD)
    page.goto("/reports/victim-services/?fiscal_year=2026&quarter=2")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Gender identity (new individuals)").click()
    assert page.url.endswith("#block-4")
    gender = page.locator(
        "section", has=page.get_by_role("heading", name="Gender identity (new individuals)")
    )
    expect(gender.get_by_role("row", name="Not Tracked 0")).to_be_hidden()
    gender.get_by_text("1 more row at zero").click()
    expect(gender.get_by_role("row", name="Not Tracked 0")).to_be_visible()
    expect(gender.get_by_role("row", name="Total 4")).to_be_visible()
    assert axe() == []
    page.goto("/reports/victim-services/?fiscal_year=2026&quarter=2")
    screenshot("report-quarterly-contents")

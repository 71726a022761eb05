"""The reports in the browser: a supervisor reads the quarter, a coordinator sees it
suppressed, and the caseload dashboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory
from tests.report_data import build_quarter

PASSWORD = "correct-horse-battery"


pytestmark = [
    pytest.mark.usefixtures("funder_lists"),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_supervisor_reads_the_quarter_and_the_dashboard(page, screenshot, axe, staff):
    build_quarter(staff)
    sign_in(page, "supervisor", PASSWORD)
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Quarterly victim-services report").click()
    page.get_by_role("spinbutton", name="Fiscal year").fill("2026")
    page.get_by_label("Period").select_option(label="Q2")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("FY 2026 Q2 (Jan 1, 2026 to Mar 31, 2026)")).to_be_visible()
    served = page.locator("section", has=page.get_by_role("heading", name="Individuals served"))
    expect(served.get_by_role("row", name="New 4")).to_be_visible()
    expect(page.get_by_text("Counted at")).to_be_visible()
    assert axe() == []
    page.get_by_role("button", name="Count again").click()
    expect(served.get_by_role("row", name="New 4")).to_be_visible()
    screenshot("report-quarterly")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "victim-services-fy2026-q2.csv"

    page.goto("/reports/caseload/")
    expect(page.get_by_role("heading", name="Active clients per staff member")).to_be_visible()
    assert axe() == []
    screenshot("report-caseload")

    page.goto("/reports/outcomes/?fiscal_year=2026&quarter=2")
    justice = page.locator(
        "section", has=page.get_by_role("heading", name="Experiences in the justice system")
    )
    expect(justice.get_by_role("row", name="People with advocacy at: Court 1")).to_be_visible()
    assert axe() == []
    screenshot("report-outcomes")


def test_coordinator_sees_small_counts_suppressed(page, screenshot, axe, staff):
    build_quarter(staff)
    sign_in(page, "coordinator", PASSWORD)
    page.goto("/reports/victim-services/?fiscal_year=2026&quarter=2")
    served = page.locator("section", has=page.get_by_role("heading", name="Individuals served"))
    expect(served.get_by_role("row", name="New 1-4")).to_be_visible()
    expect(page.get_by_text("Ana")).to_have_count(0)
    assert axe() == []
    screenshot("report-quarterly-coordinator")
    page.goto("/reports/caseload/")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()


def test_supervisor_pages_through_the_staff_list_with_the_keyboard(page, axe, staff):
    for n in range(27):
        ClientFactory(created_by=StaffFactory(username=f"adv-{n:02d}", certified=True))
    sign_in(page, "supervisor", PASSWORD)
    page.goto("/reports/caseload/")
    pages = page.get_by_role("navigation", name="Staff list pages")
    expect(pages.get_by_text("Page 1 of 2")).to_be_visible()
    pages.get_by_role("link", name="Next").focus()
    page.keyboard.press("Enter")
    expect(pages.get_by_text("Page 2 of 2")).to_be_visible()
    assert axe() == []


def test_supervisor_sees_anonymous_contacts_apart_and_a_failed_check(
    page, screenshot, axe, staff, monkeypatch
):
    from intake import reports
    from tests.report_data import build_anonymous_quarter

    build_anonymous_quarter(staff)
    counted = reports._people_per_category

    def one_too_many(period):  # as if the ledger and the people disagreed
        identified, anonymous = counted(period)
        return {**identified, "B": 5}, anonymous

    monkeypatch.setattr(reports, "_people_per_category", one_too_many)
    sign_in(page, "supervisor", PASSWORD)
    page.goto("/reports/victim-services/?fiscal_year=2026&quarter=2")
    anonymous = page.locator(
        "section", has=page.get_by_role("heading", name="Service categories: anonymous contacts")
    )
    expect(
        anonymous.get_by_role("row", name="C. Emotional support and safety services 3")
    ).to_be_visible()
    categories = page.locator(
        "section", has=page.get_by_role("heading", name="Individuals served by service category")
    )
    expect(categories.get_by_role("alert")).to_contain_text(
        "B. Personal advocacy and accompaniment counts 6 individuals"
    )
    assert axe() == []
    screenshot("report-quarterly-failed-check")

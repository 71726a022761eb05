"""Advocacy in the browser: a medical advocacy visit, due on the home page, accessible."""

import pytest
from playwright.sync_api import expect

from crisis_center.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_advocate_logs_a_medical_advocacy_visit_and_sees_the_follow_up(page, screenshot, axe):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    client = ClientFactory(pseudonym="Jade", created_by=advocate)
    sign_in(page, "advocate", PASSWORD)

    page.goto(f"/clients/{client.pk}/")
    page.get_by_role("link", name="Medical advocacy").click()
    assert axe() == []
    page.get_by_label("Facility name").fill("County General ER")
    page.get_by_label("The client").check()
    page.get_by_label("Evidence collection kit").select_option("collected")
    page.get_by_label("Advocate stayed for the exam").select_option("yes")
    page.get_by_label("Follow-up needed by").fill("2026-01-05")  # long overdue
    screenshot("medical-advocacy-form")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Medical advocacy saved.")).to_be_visible()
    timeline = page.locator("section", has=page.get_by_role("heading", name="Timeline"))
    expect(timeline.get_by_role("link", name="Medical advocacy, hospital")).to_be_visible()
    assert axe() == []

    page.get_by_role("link", name="Home").click()
    due = page.locator("section", has=page.get_by_role("heading", name="Due soon"))
    expect(due.get_by_text("Overdue")).to_be_visible()
    expect(due.get_by_role("link", name="Jade")).to_be_visible()
    assert axe() == []
    screenshot("advocate-home-due")

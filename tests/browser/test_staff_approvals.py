"""Separation of duties in the browser: the administrator asks for a role in staff
administration; a supervisor approves it on the staff approvals page."""

import pytest
from playwright.sync_api import expect

from crisis_center.models import User
from crisis_center.roles import Role
from tests.browser.conftest import sign_in

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_administrator_asks_and_a_supervisor_approves(page, screenshot, axe, staff):
    coordinator = staff["coordinator"]
    sign_in(page, "admin", PASSWORD)
    page.goto("/admin/crisis_center/rolechangerequest/add/")
    page.get_by_label("Staff").select_option(label=str(coordinator))
    page.get_by_label("Role").select_option(label="Advocate")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, "supervisor", PASSWORD)
    page.get_by_role("link", name="Staff approvals").click()
    expect(page.get_by_role("heading", name="Role changes waiting")).to_be_visible()
    assert axe() == []
    screenshot("staff-approvals")
    page.get_by_role("button", name=f"Approve: make {coordinator} advocate").click()
    expect(page.get_by_text(f"{coordinator} now has the role: Advocate.")).to_be_visible()
    expect(page.get_by_role("cell", name="Approved")).to_be_visible()
    assert axe() == []
    coordinator.refresh_from_db()
    assert coordinator.role == Role.ADVOCATE
    assert User.objects.get(username="admin").role == Role.ADMINISTRATOR

"""Center settings in the browser: an administrator turns off the date of birth, and an
advocate's new-client form no longer asks it."""

import pytest
from playwright.sync_api import expect

from crisis_center.center import CenterSettings
from crisis_center.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_administrator_turns_off_the_date_of_birth(page, screenshot, axe):
    StaffFactory(username="admin", role=Role.ADMINISTRATOR)
    StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)

    sign_in(page, "admin", PASSWORD)
    page.get_by_role("link", name="Center settings").click()
    expect(page.get_by_role("heading", name="Center settings")).to_be_visible()
    assert axe() == []
    client_fields = page.get_by_role("group", name="Client", exact=True)
    client_fields.get_by_label("Date of birth").check()
    expect(page.get_by_role("group", name="Medical advocacy")).to_be_visible()
    screenshot("center-settings")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("The center's settings are saved.")).to_be_visible()
    expect(client_fields.get_by_label("Date of birth")).to_be_checked()
    assert axe() == []
    assert CenterSettings.objects.get().not_collected == ["client.date_of_birth"]
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "advocate", PASSWORD)
    page.goto("/clients/new/")
    expect(page.get_by_label("Pseudonym or first name")).to_be_visible()
    expect(page.get_by_label("Age range")).to_be_visible()
    expect(page.get_by_label("Date of birth")).to_have_count(0)
    assert axe() == []

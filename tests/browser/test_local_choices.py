"""The center's own entries in its lists, in the browser: a supervisor adds a need raised,
an advocate's contact form offers it after the built-in ones."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_supervisor_adds_a_need_the_contact_form_offers(page, screenshot, axe, staff):
    sign_in(page, "supervisor", PASSWORD)
    page.goto("/settings/lists/")
    needs = page.get_by_role("region", name="Needs raised")
    needs.get_by_label("New entry").fill("Diapers and formula")
    needs.get_by_role("button", name="Add to Needs raised").click()
    expect(page.get_by_text("Added to Needs raised: Diapers and formula.")).to_be_visible()
    places = page.get_by_role("region", name="Outreach places")
    places.get_by_label("New entry").fill("   ")
    places.get_by_role("button", name="Add to Outreach places").click()
    expect(places.get_by_text("Write the entry's label.")).to_be_visible()
    assert axe() == []
    screenshot("local-choices")
    page.context.clear_cookies()

    sign_in(page, "advocate", PASSWORD)
    page.goto("/contacts/new/")
    expect(page.get_by_label("Diapers and formula")).to_be_visible()

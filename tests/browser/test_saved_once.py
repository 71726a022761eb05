"""A form saved once in a real browser: Back then Save makes no second record."""

import pytest
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import CrisisContact
from tests.browser.conftest import sign_in
from tests.factories import StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def advocate():
    return StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)


def test_back_then_save_says_already_saved_and_makes_no_second_contact(
    page, screenshot, axe, advocate
):
    sign_in(page, "advocate", PASSWORD)
    page.goto("/contacts/new/")
    page.get_by_label("Note").fill("Caller safe tonight.")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_text("Contact saved.")).to_be_visible()
    contact = CrisisContact.objects.get()

    page.go_back()  # the form drawn afresh, with what was typed put back
    expect(page.get_by_label("Note")).to_have_value("Caller safe tonight.")
    page.get_by_role("button", name="Save contact").click()

    expect(page.get_by_role("heading", name="This form was already saved")).to_be_visible()
    assert axe() == []
    screenshot("already-saved")
    assert CrisisContact.objects.count() == 1
    page.get_by_role("link", name="Open the saved record").click()
    expect(page).to_have_url(f"{page.url.split('/contacts/')[0]}/contacts/{contact.pk}/")

"""Linking a hotline call to a client in a real browser: the client's name is shown
before anything is linked, and a wrong link is moved with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import CrisisContact
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, ContactFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_call_is_linked_after_seeing_the_name_and_moved_when_wrong(page, screenshot, axe):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    wrong = ClientFactory(pseudonym="Imani", created_by=advocate)
    right = ClientFactory(pseudonym="Ines", created_by=advocate)
    contact = ContactFactory(advocate=advocate, services=["crisis_intervention"])
    sign_in(page, "advocate", PASSWORD)

    page.goto(f"/contacts/{contact.pk}/")
    page.get_by_label("Client number").fill(str(wrong.pk))
    page.keyboard.press("Enter")
    question = f"Link this contact to Imani (#{wrong.pk})?"
    expect(page.get_by_role("heading", name=question)).to_be_visible()
    assert axe() == []
    screenshot("contact-link-preview")
    contact.refresh_from_db()
    assert contact.client is None  # nothing linked before the confirmation

    page.get_by_role("button", name="Confirm: link to Imani").press("Enter")
    expect(page.get_by_text("Contact linked to Imani.")).to_be_visible()

    # The advocate sees it was the wrong Imani: move it from the contact's page.
    page.goto(f"/contacts/{contact.pk}/")
    expect(page.get_by_role("heading", name="Linked to the wrong client?")).to_be_visible()
    assert axe() == []
    screenshot("contact-linked")
    page.get_by_label("Client number").fill(str(right.pk))
    page.keyboard.press("Enter")
    question = f"Move this contact from Imani (#{wrong.pk}) to Ines (#{right.pk})?"
    expect(page.get_by_role("heading", name=question)).to_be_visible()
    assert axe() == []
    screenshot("contact-move-preview")
    page.get_by_role("button", name="Confirm: move to Ines").press("Enter")
    expect(page.get_by_text("Contact moved to Ines.")).to_be_visible()
    assert CrisisContact.objects.get().client == right

    page.goto(f"/contacts/{contact.pk}/unlink/")
    heading = f"Unlink this contact from Ines (#{right.pk})?"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert axe() == []
    screenshot("contact-unlink-confirmation")

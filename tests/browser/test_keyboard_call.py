"""An anonymous hotline call logged from the home page with the keyboard alone, in a
counted number of Tab presses; and a form that comes back with errors, by keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import CrisisContact
from tests.browser.conftest import sign_in
from tests.factories import StaffFactory

PASSWORD = "correct-horse-battery"
MOST_TABS = 15  # from the home page to saved

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def advocate():
    return StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)


class Keyboard:
    """The keys pressed, Tabs counted; `focused` names what has the focus."""

    def __init__(self, page) -> None:
        self.page = page
        self.tabs = 0

    def tab(self) -> str:
        self.tabs += 1
        self.page.keyboard.press("Tab")
        return self.focused()

    def press(self, key: str) -> None:
        assert key != "Tab"
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def focused(self) -> str:
        return self.page.evaluate(
            "document.activeElement.id || document.activeElement.textContent.trim()"
        )


def test_an_anonymous_call_is_logged_from_home_in_at_most_15_tabs(page, screenshot, axe, advocate):
    sign_in(page, "advocate", PASSWORD)
    page.goto("/")
    assert axe() == []
    screenshot("keyboard-call-home")
    keys = Keyboard(page)

    # The skip link, then the home page's first action.
    assert keys.tab() == "Skip to content"
    keys.press("Enter")
    assert keys.tab() == "Log a contact"
    keys.press("Enter")
    page.wait_for_url("**/contacts/new/")

    # The form opens in its first field: the channel, a hotline call unless changed.
    assert keys.focused() == "id_channel"
    assert axe() == []
    assert keys.tab() == "id_caller_relation"
    keys.type("Survivor")  # a closed select jumps to the option typed
    assert keys.tab() == "id_needs_0"  # the needs: one stop, arrows inside
    keys.press("Space")  # safety
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    assert keys.focused() == "id_needs_2"
    keys.press("Space")  # shelter
    assert keys.tab() == "id_services_0"
    keys.press("Space")  # crisis intervention
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "keyboard focus must be visible"
    assert keys.tab() == "id_note"
    keys.type("Caller safe tonight. Will call back Thursday.")
    assert keys.tab() == "id_duration_minutes"
    keys.type("20")
    screenshot("keyboard-call-contact-form")
    assert keys.tab() == "id_language"
    assert keys.tab() == "id_interpreter_used"
    # Folded: started now, given by the one logging it. One stop, not seven.
    assert keys.tab() == "contact-when"
    assert keys.tab() == "Funder service codes (optional)"
    assert keys.tab() == "Save contact"
    keys.press("Enter")

    expect(page.get_by_text("Contact saved.")).to_be_visible()
    assert keys.tabs <= MOST_TABS, f"{keys.tabs} Tab presses from home to saved"
    assert axe() == []

    contact = CrisisContact.objects.get()
    assert (contact.channel, contact.caller_relation) == ("hotline_call", "survivor")
    assert contact.needs == ["safety", "shelter"]
    assert contact.services == ["crisis_intervention"]
    assert contact.note == "Caller safe tonight. Will call back Thursday."
    assert contact.duration_minutes == 20
    assert contact.client is None
    assert contact.advocate == advocate and contact.given_by == advocate
    assert timezone.now() - contact.started_at < timedelta(minutes=5)


def test_a_form_that_comes_back_starts_on_its_errors_each_a_link(page, axe, advocate):
    sign_in(page, "advocate", PASSWORD)
    page.goto("/contacts/new/")
    page.get_by_label("Duration (minutes)").fill("0")
    page.get_by_role("button", name="Save contact").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Duration (minutes)")
    assert axe() == []
    page.keyboard.press("Tab")
    link = page.get_by_role("link", name="Duration (minutes)")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Duration (minutes)")).to_be_focused()
    assert not CrisisContact.objects.exists()

    # Any other create form opens in its first field too.
    page.goto("/clients/new/")
    expect(page.locator("#id_pseudonym")).to_be_focused()
    assert axe() == []

"""The 2 a.m. hotline call in a real browser: keyboard only, screen-reader labels, axe."""

import pytest
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import Client, CrisisContact, Screening
from tests.browser.conftest import sign_in, tab_stops
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def advocate():
    return StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)


CONTACT_FIELDS = [
    "id_channel",
    "id_caller_relation",
    "id_needs_0",  # a list of boxes is one stop: the arrow keys move inside it
    "id_services_0",
    "id_note",
    "id_duration_minutes",
    "id_language",
    "id_interpreter_used",
    "contact-when",  # folded: started now, given by the one logging it
    "Funder service codes (optional)",  # folded: one stop, open it to choose codes
    "Save contact",
]


def test_hotline_call_logged_with_the_keyboard_alone(page, screenshot, axe, advocate):
    sign_in(page, "advocate", PASSWORD)
    page.goto("/contacts/new/")
    assert axe() == []

    # The form opens in its first field; Tab order follows the form from top to bottom,
    # ending on the save button.
    expect(page.get_by_label("Channel")).to_be_focused()
    stops = ["id_channel", *tab_stops(page, 20)]
    assert stops[: len(CONTACT_FIELDS)] == CONTACT_FIELDS

    page.get_by_label("Channel").focus()
    page.keyboard.press("Tab")  # caller relation
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # needs: safety
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "keyboard focus must be visible"
    page.keyboard.press("Tab")  # services
    page.keyboard.press("Tab")
    page.keyboard.type("Caller safe tonight. Will call back Thursday.")
    page.keyboard.press("Tab")
    page.keyboard.type("20")  # duration
    page.keyboard.press("Tab")
    page.keyboard.type("Spanish")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # interpreter used
    screenshot("hotline-form")
    page.keyboard.press("Tab")  # the folded start and "given by": now, and me
    page.keyboard.press("Tab")  # the folded service codes: the defaults will do
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Contact saved.")).to_be_visible()
    contact = CrisisContact.objects.get()
    assert (contact.duration_minutes, contact.language) == (20, "Spanish")
    assert contact.interpreter_used and contact.needs == ["safety"]
    assert contact.client is None

    # Turn the caller into a client from the contact page, still by keyboard.
    assert axe() == []
    screenshot("contact-detail")
    page.get_by_label("Pseudonym or first name").focus()
    page.keyboard.type("Imani")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Imani")).to_be_visible()
    contact.refresh_from_db()
    assert contact.client == Client.objects.get(pseudonym="Imani")


def test_screening_form_is_labelled_and_keyboard_usable(page, screenshot, axe, advocate):
    client = ClientFactory(pseudonym="Rosa M.", created_by=advocate)
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/clients/{client.pk}/screenings/new/")
    assert axe() == []
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll(
                 'input:not([type=hidden]):not([hidden]), select, textarea')]
             .filter(el => !el.labels || el.labels.length === 0).map(el => el.name)"""
    )
    assert unlabelled == []

    # A radio group: Tab lands on the checked answer ("Not asked"), arrows choose.
    question = page.get_by_role("group", name="1. Can you leave your job or situation if you want?")
    question.get_by_label("Not asked").focus()
    page.keyboard.press("ArrowLeft")  # Declined
    page.keyboard.press("ArrowLeft")  # No
    expect(question.get_by_label("No", exact=True)).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Owes a debt to the manager")
    screenshot("screening-form")
    page.get_by_role("button", name="Save screening").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Screening saved.")).to_be_visible()
    screening = Screening.objects.get()
    assert (screening.q1, screening.q1_note) == ("no", "Owes a debt to the manager")
    assert axe() == []
    screenshot("client-with-screening")

"""What only a real browser does to what staff type: post an unreadable date as empty,
cut a paste at a maxlength, submit the whole form on Enter. Keyboard only."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from advocacy.models import MedicalAdvocacy
from crisis_center.roles import Role
from intake.models import Client, CrisisContact
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def advocate():
    return StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)


def _save_with_the_keyboard(page, name: str = "Save") -> None:
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")


def test_a_mistyped_date_is_refused_on_its_field_then_saved_once_fixed(
    page, screenshot, axe, advocate
):
    client = ClientFactory(pseudonym="Jade", created_by=advocate)
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/clients/{client.pk}/medical/new/")
    follow_up = page.get_by_label("Follow-up needed by")

    follow_up.focus()
    page.keyboard.type("02302026")  # February 30th: the browser cannot read it
    assert page.evaluate("document.activeElement.validity.badInput")
    _save_with_the_keyboard(page)

    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    error = page.locator("#id_follow_up_by ~ .invalid-feedback")
    expect(error).to_have_text("Enter a real date: this one does not exist or is not complete.")
    expect(follow_up).to_have_class(re.compile(r"\bis-invalid\b"))
    assert MedicalAdvocacy.objects.count() == 0
    assert axe() == []
    screenshot("medical-advocacy-bad-date")

    follow_up.focus()
    page.keyboard.type("02282026")
    _save_with_the_keyboard(page)

    expect(page.get_by_text("Medical advocacy saved.")).to_be_visible()
    assert MedicalAdvocacy.objects.get().follow_up_by == date(2026, 2, 28)


def test_enter_in_a_one_line_field_does_not_save_the_hotline_form(page, advocate):
    sign_in(page, "advocate", PASSWORD)
    page.goto("/contacts/new/")

    page.get_by_label("Language").focus()
    page.keyboard.type("Tagalog")
    page.keyboard.press("Enter")  # mid-call, out of habit
    page.get_by_label("Note").focus()
    page.keyboard.type("Caller is at a friend's place.")
    page.keyboard.press("Enter")  # a new line in the note
    page.keyboard.type("Calls back tonight.")

    assert CrisisContact.objects.count() == 0
    page.keyboard.press("Control+Enter")  # saves, from anywhere in the form

    expect(page.get_by_text("Contact saved.")).to_be_visible()
    contact = CrisisContact.objects.get()
    assert contact.language == "Tagalog"
    assert contact.note.splitlines() == ["Caller is at a friend's place.", "Calls back tonight."]


def test_a_long_paste_is_kept_whole_and_a_name_over_its_limit_is_refused_not_cut(
    page, screenshot, axe, advocate
):
    client = ClientFactory(pseudonym="Jade", created_by=advocate)
    notes = "Waited four hours for the exam; the nurse was kind. " * 100  # 5,200
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/clients/{client.pk}/medical/new/")
    page.get_by_label("Notes").focus()
    page.keyboard.insert_text(notes)  # as a paste arrives
    _save_with_the_keyboard(page)

    expect(page.get_by_text("Medical advocacy saved.")).to_be_visible()
    assert MedicalAdvocacy.objects.get().notes == notes

    page.goto("/clients/new/")
    name = "Marisol " * 20  # 160 characters where 100 fit
    pseudonym = page.get_by_label("Pseudonym or first name")
    pseudonym.focus()
    page.keyboard.insert_text(name)
    expect(pseudonym).to_have_value(name)  # nothing cut
    expect(page.locator("#id_pseudonym_count")).to_have_text(
        "59 characters too many: shorten it to save"
    )
    _save_with_the_keyboard(page, "Save client")

    # Under the field, and in the summary at the top as a link to it.
    expect(page.get_by_text("This holds at most 100 characters; it has 159.")).to_have_count(2)
    expect(page.get_by_role("link", name="Pseudonym or first name: This holds")).to_be_visible()
    expect(pseudonym).to_have_value(name)  # all of it, to shorten
    assert not Client.objects.exclude(pk=client.pk).exists()
    assert axe() == []
    screenshot("client-pseudonym-over-limit")

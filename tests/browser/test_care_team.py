"""Reassigning a client and the trainee's home page, in a real browser, axe-checked."""

import pytest
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import CareTeamMember
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory, TrainingRecordFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_supervisor_reassigns_a_client_in_one_confirmed_step(page, screenshot, axe):
    advocate = StaffFactory(
        username="advocate", first_name="Ana", last_name="Reyes", role=Role.ADVOCATE, certified=True
    )
    StaffFactory(
        username="advocate2", first_name="Bea", last_name="Lund", role=Role.ADVOCATE, certified=True
    )
    trainee = StaffFactory(
        username="trainee", first_name="Tom", last_name="Nye", role=Role.ADVOCATE
    )
    StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)
    client = ClientFactory(pseudonym="Rosa M.", created_by=advocate)

    sign_in(page, "supervisor", PASSWORD)
    page.goto(f"/clients/{client.pk}/care-team/")
    expect(page.get_by_role("cell", name="Ana Reyes", exact=True)).to_be_visible()
    expect(
        page.get_by_label("Add a staff member").locator("option", has_text=str(trainee))
    ).to_have_count(0)
    screenshot("care-team")
    assert axe() == []

    page.get_by_role("link", name="Reassign Ana Reyes").click()
    expect(
        page.get_by_role("heading", name="Reassign Ana Reyes's place on the care team")
    ).to_be_visible()
    page.get_by_label("Reassign to").select_option(label="Bea Lund · Advocate")
    page.get_by_role("button", name="Reassign").click()  # not confirmed: nothing saved
    expect(page.get_by_text("Tick the box to confirm the reassignment.")).to_be_visible()
    assert axe() == []
    page.get_by_label("Ana Reyes leaves the care team").check()
    screenshot("care-team-reassign")
    page.get_by_role("button", name="Reassign").click()

    expect(page.get_by_text("Bea Lund took Ana Reyes's place on the care team.")).to_be_visible()
    expect(page.get_by_role("cell", name="Bea Lund", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Ana Reyes", exact=True)).to_have_count(0)
    assert CareTeamMember.objects.active().get(client=client).staff.username == "advocate2"

    page.get_by_role("link", name="Remove Bea Lund").click()
    expect(page.get_by_role("heading", name="Remove Bea Lund from the care team?")).to_be_visible()
    assert axe() == []
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("cell", name="Bea Lund", exact=True)).to_be_visible()


def test_trainee_sees_their_hours_and_only_what_they_can_do(page, screenshot, axe):
    trainee = StaffFactory(username="trainee", role=Role.ADVOCATE)
    TrainingRecordFactory(staff=trainee, hours=12)

    sign_in(page, "trainee", PASSWORD)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_text("Trainee", exact=True)).to_be_visible()
    for entry in ("Log a contact", "New client", "Emergency access"):
        expect(nav.get_by_role("link", name=entry)).to_have_count(0)
    expect(page.get_by_text("28 hours to go")).to_be_visible()
    expect(
        page.get_by_role("progressbar", name="Crisis intervention training: 12 of 40 hours")
    ).to_be_visible()
    screenshot("trainee-home")
    assert axe() == []

    page.goto("/contacts/new/")
    expect(page.get_by_role("heading", name="Training needed first")).to_be_visible()
    assert axe() == []
    page.get_by_role("link", name="Back to your home page").click()
    expect(page.get_by_text("28 hours to go")).to_be_visible()

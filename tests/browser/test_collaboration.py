"""The coordinator's collaboration day in the browser: a meeting, its agenda and an
action item, and the overdue action on the home page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_center.roles import Role
from referrals.models import Agency
from tests.browser.conftest import sign_in
from tests.factories import StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_coordinator_records_a_meeting_with_an_agenda_and_an_overdue_action(page, screenshot, axe):
    StaffFactory(username="coordinator", role=Role.COORDINATOR, first_name="Casey")
    Agency.objects.create(name="Safe Harbor Shelter")
    Agency.objects.create(name="Harbor Legal Aid")
    sign_in(page, "coordinator", PASSWORD)

    page.get_by_role("link", name="Collaboration", exact=True).click()
    expect(page.get_by_role("heading", name="Local collaboration")).to_be_visible()
    assert axe() == []
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Place").fill("Public library, room 2")
    page.get_by_label("Safe Harbor Shelter").check()
    page.get_by_label("Harbor Legal Aid").check()
    page.get_by_label("Decisions").fill("Hold a joint harm-reduction training in spring.")
    assert axe() == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meeting saved.")).to_be_visible()

    agenda = page.locator("form", has=page.get_by_role("button", name="Add agenda item"))
    agenda.get_by_label("Topic").select_option("cross_training")
    agenda.get_by_label("Description").fill("Plan the spring training")
    agenda.get_by_role("button", name="Add agenda item").click()
    expect(page.get_by_text("Agenda item added.")).to_be_visible()

    action = page.locator("form", has=page.get_by_role("button", name="Add action item"))
    action.get_by_label("Description").fill("Send the draft agreement to members")
    action.get_by_label("Who").fill("Casey")
    action.get_by_label("Agency").select_option(label="Harbor Legal Aid")
    past = (timezone.localdate() - timedelta(days=2)).isoformat()
    action.get_by_label("Due").fill(past)
    action.get_by_label("Due").press("Enter")  # the keyboard submits the form
    expect(page.get_by_text("Action item added.")).to_be_visible()
    expect(page.get_by_role("cell", name="Send the draft agreement to members")).to_be_visible()
    assert axe() == []
    screenshot("collaboration-meeting")

    page.get_by_role("link", name="Home").click()
    overdue = page.locator(
        "section", has=page.get_by_role("heading", name="Collaboration action items past due")
    )
    expect(overdue.get_by_text("Send the draft agreement to members")).to_be_visible()
    screenshot("collaboration-home")


def test_supervisor_compares_the_self_assessment_year_against_year(page, screenshot, axe):
    from collaboration.models import SelfAssessment

    StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)
    year = timezone.localdate().year
    SelfAssessment.objects.create(year=year - 1, need_1="Rarely: few knew about us.")
    sign_in(page, "supervisor", PASSWORD)

    page.goto("/collaboration/self-assessment/new/")
    page.get_by_role("spinbutton", name="Year").fill(str(year))
    page.get_by_label("Needs assessment 1.", exact=False).fill("More often, since street outreach.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Agency self-assessment saved.")).to_be_visible()
    first = page.get_by_role("row", name="1. Do victims of commercial exploitation", exact=False)
    expect(first.get_by_role("cell").nth(0)).to_have_text("Rarely: few knew about us.")
    expect(first.get_by_role("cell").nth(1)).to_have_text("More often, since street outreach.")
    assert axe() == []
    screenshot("collaboration-self-assessment")

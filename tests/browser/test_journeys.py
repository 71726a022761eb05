"""Whole journeys as staff live them, in Debian's Chromium, axe-core on every page.

The coordinator's journey (adds a resource, marks an agreement reviewed, finds no way to
a client's name) is in test_referrals.py.
"""

import pytest
from playwright.sync_api import expect

from crisis_center.models import AccessLog
from crisis_center.roles import Role
from intake.models import CareTeamMember, Client
from referrals.models import Agency, Resource
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_advocate_journey_from_anonymous_call_to_the_client_timeline(page, screenshot, axe):
    StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    agency = Agency.objects.create(name="Safe Harbor Shelter", phone="555-0177")
    Resource.objects.create(
        agency=agency, name="Emergency shelter beds", category="emergency_housing", open_24_7=True
    )
    sign_in(page, "advocate", PASSWORD)
    assert axe() == []

    # An anonymous hotline call, from the home page's first button.
    page.get_by_role("main").get_by_role("link", name="Log a contact").first.click()
    page.get_by_label("Duration (minutes)").fill("25")
    page.get_by_label("Safety", exact=True).check()
    page.get_by_label("Shelter", exact=True).check()
    page.get_by_label("Crisis intervention", exact=True).check()
    page.get_by_label("Note").fill("Caller is safe tonight; needs a bed tomorrow.")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_text("Contact saved.")).to_be_visible()
    assert axe() == []

    # The caller becomes a client.
    page.get_by_label("Pseudonym or first name").fill("Marisol")
    page.get_by_role("button", name="Open client file").click()
    expect(page.get_by_role("heading", name="Marisol")).to_be_visible()
    assert axe() == []
    client = Client.objects.get(pseudonym="Marisol")

    # A screening.
    page.get_by_role("link", name="Screen", exact=True).click()
    assert axe() == []
    page.get_by_role("group", name="2. Can you come and go as you please?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role(
        "group", name="12. Has your identification or documentation been taken from you?"
    ).get_by_label("Yes", exact=True).check()
    page.get_by_label("Evidence of being controlled").check()
    page.get_by_role("button", name="Save screening").click()
    expect(page.get_by_text("Screening saved.")).to_be_visible()

    # A referral from the directory.
    page.get_by_role("link", name="Refer from the directory").click()
    page.get_by_label("Category").select_option("emergency_housing")
    page.get_by_role("button", name="Search").click()
    assert axe() == []
    page.get_by_role("link", name="Refer to Emergency shelter beds").click()
    assert axe() == []
    page.get_by_label("Kind").select_option("warm_handoff")
    page.get_by_role("button", name="Save referral").click()
    expect(page.get_by_text("Referral saved.")).to_be_visible()

    # A medical advocacy visit.
    page.get_by_role("link", name="Medical advocacy").click()
    assert axe() == []
    page.get_by_label("Facility name").fill("County General ER")
    page.get_by_label("Evidence collection kit").select_option("declined")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Medical advocacy saved.")).to_be_visible()

    # Everything is on the client's timeline (all within the same minute here, so the
    # order among them is not asserted; test_safety_plan_and_timeline.py checks order).
    timeline = page.locator("section", has=page.get_by_role("heading", name="Timeline"))
    entries = timeline.get_by_role("listitem")
    expect(entries).to_have_count(4)
    for text in (
        "Medical advocacy, hospital",
        "Referral to Emergency shelter beds",
        "Screening by",
        "Hotline call with",
    ):
        expect(entries.filter(has_text=text)).to_have_count(1)
    expect(page.get_by_text("3 concerns (answers and indicators)")).to_be_visible()
    assert axe() == []
    screenshot("journey-client-timeline")
    assert client.contacts.count() == 1


def test_supervisor_journey_reassigns_a_client_and_sees_who_viewed_the_file(page, screenshot, axe):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    StaffFactory(
        username="advocate2",
        role=Role.ADVOCATE,
        certified=True,
        first_name="Sam",
        last_name="Okafor",
    )
    StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)
    client = ClientFactory(pseudonym="Tamika", created_by=advocate)

    sign_in(page, "advocate", PASSWORD)
    page.get_by_role("link", name="Tamika").click()
    assert axe() == []
    page.get_by_role("button", name="Sign out").click()
    assert axe() == []  # the login page

    sign_in(page, "supervisor", PASSWORD)
    expect(page.get_by_role("heading", name="All clients")).to_be_visible()
    assert axe() == []
    screenshot("supervisor-dashboard")

    # Reassign: Sam joins, the first advocate leaves.
    page.get_by_role("link", name="Care team of Tamika").click()
    assert axe() == []
    page.get_by_role("link", name=f"Reassign {advocate}").click()
    page.get_by_label("Reassign to").select_option(label="Sam Okafor · Advocate")
    page.get_by_label(f"{advocate} leaves the care team").check()
    page.get_by_role("button", name="Reassign").click()
    took = f"Sam Okafor took {advocate}'s place on the care team."
    expect(page.get_by_text(took)).to_be_visible()
    team = CareTeamMember.objects.active().filter(client=client)
    assert [m.staff.username for m in team] == ["advocate2"]

    # The file's history and who has seen it.
    page.get_by_role("link", name="← Tamika").click()
    page.get_by_role("link", name="History and views").click()
    assert axe() == []
    views = page.locator("section", has=page.get_by_role("heading", name="Who viewed this file"))
    advocate_rows = views.get_by_role("row").filter(has_text=str(advocate))
    expect(advocate_rows.filter(has_text="Client file")).to_have_count(1)
    team_section = page.locator(
        "section", has=page.get_by_role("heading", name="Care team assignments")
    )
    expect(team_section).to_contain_text(f"{advocate}: added by {advocate}")
    expect(team_section).to_contain_text("removed by")
    screenshot("supervisor-history")
    assert AccessLog.objects.filter(user=advocate, view_name="client_detail").count() == 1


def test_the_page_warns_before_the_idle_timeout_and_typing_extends_it(page, settings, screenshot):
    StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    # Three seconds before the two-minute warning (the page signs out five seconds
    # before the server would: tests/browser/test_idle_sign_out.py).
    settings.SESSION_COOKIE_AGE = 128
    sign_in(page, "advocate", PASSWORD)
    page.goto("/contacts/new/")
    warning = page.get_by_text("You will be signed out soon.")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=8_000)
    screenshot("idle-warning")
    page.get_by_label("Note").type("still here")
    expect(warning).to_be_hidden()  # the keep-alive answered and the count restarted
    expect(page.locator("#session-timer")).to_contain_text("2:0")

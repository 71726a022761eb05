"""The center's week (issue 22) in Chromium: a supervisor fills next week's hotline roster
(an uncertified volunteer is not offered), the volunteer finds the shift on their home
page, an advocate books a court date and uploads a signed release, and finds both on the
client's timeline; axe-core on every page."""

import importlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from advocacy.models import Appointment
from crisis_center.models import Shift, ShiftKind
from crisis_center.roles import Role
from intake.models import Document
from tests.browser.conftest import sign_in
from tests.factories import PDF, ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


@pytest.fixture
def shift_kinds(db):
    """The kinds of shift come from a data migration, which a live-server test's flush
    can take away before this one (as tests.conftest.funder_lists says): load them again."""
    from django.apps import apps

    if not ShiftKind.objects.exists():
        importlib.import_module("crisis_center.migrations.0007_roster").seed(apps, None)


def test_the_roster_a_court_date_and_a_release(
    page, screenshot, axe, tmp_path, funder_lists, shift_kinds
):
    StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)
    StaffFactory(
        username="volunteer",
        role=Role.ADVOCATE,
        certified=True,
        is_volunteer=True,
        first_name="Vera",
        last_name="Lind",
    )
    StaffFactory(
        username="newcomer",
        role=Role.ADVOCATE,
        is_volunteer=True,
        first_name="Nils",
        last_name="Ober",
    )
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    client = ClientFactory(pseudonym="Wren", created_by=advocate)
    monday = _next_monday()

    # The supervisor puts the volunteer on Monday's hotline, then fills the week.
    sign_in(page, "supervisor", PASSWORD)
    page.get_by_role("link", name="Roster", exact=True).first.click()
    assert axe() == []
    page.get_by_role("link", name="Add a shift").click()
    page.get_by_label("Kind").select_option(label="Hotline")
    staff = page.get_by_label("Staff member")
    assert "Nils Ober" not in staff.inner_text()  # not certified: not offered
    page.get_by_label("Starts").fill(f"{monday}T09:00")
    page.get_by_label("Ends").fill(f"{monday}T17:00")
    staff.select_option(label=staff.locator("option", has_text="Vera Lind").inner_text())
    assert axe() == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Shift saved").first).to_be_visible()
    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Repeat daily for the next").fill("6")
    page.get_by_role("button", name="Repeat this shift").click()
    expect(page.get_by_text("6 shifts added").first).to_be_visible()
    assert Shift.objects.filter(staff__username="volunteer").count() == 7
    assert axe() == []
    screenshot("roster-week")
    page.get_by_role("link", name="Printable month").click()
    assert axe() == []
    screenshot("roster-month")
    page.get_by_role("button", name="Sign out").click()

    # The volunteer sees the shift on their home page.
    sign_in(page, "volunteer", PASSWORD)
    on_call = page.get_by_role("region", name="On call")
    expect(on_call.get_by_text("Your next shifts")).to_be_visible()
    expect(on_call.get_by_text("Hotline:").first).to_be_visible()
    assert axe() == []
    screenshot("volunteer-home-shift")
    page.get_by_role("button", name="Sign out").click()

    # The advocate books a court date and uploads a signed release.
    sign_in(page, "advocate", PASSWORD)
    page.get_by_role("link", name="Wren").first.click()
    page.get_by_role("link", name="Book an appointment").first.click()
    assert axe() == []
    page.locator("#id_kind").select_option(label="Court date")
    page.get_by_label("Starts").fill(f"{monday + timedelta(days=2)}T10:30")
    page.get_by_label("Kind of place").select_option(label="Court")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Appointment booked.")).to_be_visible()
    booked = Appointment.objects.get(client=client)
    assert timezone.localtime(booked.starts_at).strftime("%H:%M") == "10:30"

    page.goto(reverse("client_detail", args=[client.pk]))
    page.get_by_role("link", name="Add a document").first.click()
    assert axe() == []
    page.get_by_label("What it is").select_option(label="Signed release of information")
    upload = tmp_path / "release-wren.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("File").set_input_files(upload)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status").first).to_be_visible()
    assert Document.objects.filter(client=client).count() == 1

    page.goto(reverse("client_detail", args=[client.pk]))
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_text("Court date").first).to_be_visible()
    expect(timeline.get_by_text("Signed release of information").first).to_be_visible()
    assert axe() == []
    screenshot("client-week-timeline")

    page.get_by_role("link", name="Calendar").first.click()
    page.get_by_role("link", name="Next week").first.click()
    expect(page.get_by_text("Wren").first).to_be_visible()
    assert axe() == []
    screenshot("calendar-week")

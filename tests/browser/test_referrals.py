"""The directory in the browser: a referral from a hotline call, and the coordinator's day."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_center.roles import Role
from referrals.models import Agency, NetworkingAgreement, Referral, Resource
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, ContactFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def directory():
    agency = Agency.objects.create(name="Safe Harbor Shelter", phone="555-0177")
    Resource.objects.create(
        agency=agency, name="Emergency shelter beds", category="emergency_housing", open_24_7=True
    )
    Resource.objects.create(agency=agency, name="GED classes", category="hse", id_required=True)
    return agency


def test_advocate_gives_a_referral_from_the_directory_on_an_anonymous_call(
    page, screenshot, axe, directory
):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    contact = ContactFactory(advocate=advocate)
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/contacts/{contact.pk}/")
    page.get_by_role("link", name="Give a referral from the directory").click()

    page.get_by_label("Category").select_option("emergency_housing")
    page.get_by_label("Open now").check()
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 resource")).to_be_visible()
    assert axe() == []
    screenshot("directory-search")
    page.get_by_role("link", name="Refer to Emergency shelter beds").click()
    assert axe() == []
    page.get_by_role("button", name="Save referral").click()

    expect(page.get_by_text("Referral saved.")).to_be_visible()
    assert axe() == []
    referral = Referral.objects.get()
    assert referral.contact == contact and not referral.identifying_info_shared


def test_coordinator_adds_a_resource_and_marks_an_agreement_reviewed(
    page, screenshot, axe, directory
):
    StaffFactory(username="coordinator", role=Role.COORDINATOR)
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    hidden = ClientFactory(pseudonym="Valeria", created_by=advocate)
    NetworkingAgreement.objects.create(
        agency=directory, status="active", next_review=timezone.localdate() - timedelta(days=5)
    )
    sign_in(page, "coordinator", PASSWORD)
    due = page.locator(
        "section", has=page.get_by_role("heading", name="Networking agreements to review")
    )
    expect(due.get_by_text("Overdue")).to_be_visible()
    assert axe() == []

    page.get_by_role("link", name="Directory").first.click()
    assert axe() == []
    page.get_by_role("link", name="New resource").click()
    page.get_by_label("Agency").select_option(label="Safe Harbor Shelter")
    page.get_by_label("Category").select_option("life_skills")
    page.get_by_label("Name").fill("Budgeting workshop")
    assert axe() == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Budgeting workshop")).to_be_visible()
    assert axe() == []

    page.goto("/agreements/")
    page.get_by_role("button", name="Mark reviewed (Safe Harbor Shelter)").click()
    expect(page.get_by_text("Reviewed; next review on")).to_be_visible()
    assert axe() == []
    screenshot("agreements")

    # No way to a client's name, not even by typing the URLs.
    for url in (f"/clients/{hidden.pk}/", "/clients/", f"/directory/?client={hidden.pk}"):
        page.goto(url)
        expect(page.get_by_text("Valeria")).to_have_count(0)

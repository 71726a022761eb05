"""The survivor's whole situation (issue 21), as an advocate records it in Chromium: an
incident with two offenders, a child, a shelter stay, and the file closed with an
aftercare plan; axe-core on every page."""

import pytest
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import FileClosure, Incident
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_advocate_records_the_situation_and_closes_the_file(page, screenshot, axe, funder_lists):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    client = ClientFactory(pseudonym="Noor", created_by=advocate)
    sign_in(page, "advocate", PASSWORD)
    page.get_by_role("link", name="Noor").first.click()
    expect(page.get_by_role("heading", name="Noor")).to_be_visible()

    # An incident with two offenders.
    page.get_by_role("link", name="Record an incident").click()
    assert axe() == []
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Month").select_option("3")
    page.get_by_label("Where").select_option("hotel")
    page.locator("#id_offenders-0-relationship").select_option("trafficker")
    page.locator("#id_offenders-1-relationship").select_option("buyer")
    page.get_by_label("Human Trafficking: Sex").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Incident saved.")).to_be_visible()
    incident = Incident.objects.get(client=client)
    assert sorted(incident.offenders.values_list("relationship", flat=True)) == [
        "buyer",
        "trafficker",
    ]

    # A child.
    page.get_by_role("link", name="Add a child or dependent").click()
    assert axe() == []
    page.get_by_label("Relationship").select_option("child")
    page.get_by_label("First name or initial").fill("A.")
    page.get_by_label("Age in years").fill("6")
    page.get_by_label("In the client's care").select_option("yes")
    page.get_by_label("Childcare").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Child or dependent saved.")).to_be_visible()

    # A shelter stay.
    page.get_by_role("link", name="Record a housing or shelter stay").click()
    assert axe() == []
    page.get_by_label("Kind of placement").select_option("emergency_shelter")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Housing or shelter stay saved.")).to_be_visible()

    # Closing: refused without a reason, then closed with an aftercare plan.
    page.get_by_role("link", name="Close the file").click()
    assert axe() == []
    page.get_by_label("Who the client can call").fill("The hotline, and her counselor on Tuesdays.")
    page.get_by_label("What is still open").fill("The court date in March.")
    page.get_by_role("button", name="Close the file").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert not FileClosure.objects.filter(client=client).exists()
    assert axe() == []
    page.locator("#id_reason").select_option("services_complete")
    page.locator("#id_stability_safety").select_option("stable")
    page.get_by_role("button", name="Close the file").click()

    expect(page.get_by_role("heading", name="The file: closed")).to_be_visible()
    expect(page.get_by_text("The hotline, and her counselor on Tuesdays.")).to_be_visible()
    expect(page.get_by_role("heading", name="Incidents")).to_be_visible()
    expect(page.get_by_text("Trafficker or pimp").first).to_be_visible()
    assert axe() == []
    screenshot("client-situation-closed")
    client.refresh_from_db()
    assert client.status == "closed"
    assert client.closures.get().aftercare_open == "The court date in March."

"""The pages advocates and supervisors use most, on a laptop and on a phone.

Each page is shot at 1366x768 and at 390x844 (tests/screenshots/<page>-wide.png and
<page>-narrow.png), axe-clean at both sizes, and never wider than the phone's screen:
tables become cards under the md breakpoint (the `table-cards` class in app.css).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advocacy.models import LegalAdvocacy
from tests.browser.conftest import sign_in
from tests.factories import (
    ClientFactory,
    ContactFactory,
    advocacy_records,
    conference_records,
    referral_records,
    situation_records,
)

PASSWORD = "correct-horse-battery"
SIZES = {"wide": (1366, 768), "narrow": (390, 844)}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def caseload(staff):
    """A caseload with something in every home panel and on the client's page."""
    advocate = staff["advocate"]
    rosa = ClientFactory(
        pseudonym="Rosa Maria Fernandez-Alvarez",
        created_by=advocate,
        safe_to_call="yes",
        safe_to_text="no",
        safe_times="Weekdays after 6 pm",
        code_word="sunflower",
        phone="555-0142",
    )
    advocacy_records(rosa, advocate)
    LegalAdvocacy.objects.create(
        client=rosa, created_by=advocate, court_date=timezone.now() + timedelta(days=3)
    )
    referral_records(rosa, advocate)
    situation_records(rosa, advocate)
    conference_records(rosa, advocate)
    ContactFactory(client=rosa, advocate=advocate, note="Asked about the protective order.")
    for name in ("Keisha", "Lina", "Ana Beatriz"):
        ClientFactory(pseudonym=name, created_by=advocate)
    return {"rosa": rosa}


def shoot(page, screenshot, axe, name: str) -> list[str]:
    """Shoot the current page at both sizes; return what is wrong at either: axe's
    serious and critical findings, and a page wider than the screen."""
    problems = []
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        screenshot(f"{name}-{size}")
        problems += [f"{name}-{size}: {violation}" for violation in axe()]
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{name}-{size} scrolls sideways: {scroll_width} px wide")
    return problems


def test_advocate_pages_fit_a_laptop_and_a_phone(page, screenshot, axe, caseload):
    sign_in(page, "advocate", PASSWORD)
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    problems = shoot(page, screenshot, axe, "advocate-home")

    page.goto("/contacts/new/")
    problems += shoot(page, screenshot, axe, "contact-form")

    page.goto(f"/clients/{caseload['rosa'].pk}/")
    expect(page.get_by_role("heading", name="Safe contact")).to_be_visible()
    problems += shoot(page, screenshot, axe, "client")
    assert problems == []


def test_supervisor_pages_fit_a_laptop_and_a_phone(page, screenshot, axe, caseload):
    sign_in(page, "supervisor", PASSWORD)
    expect(page.get_by_role("heading", name="All clients")).to_be_visible()
    problems = shoot(page, screenshot, axe, "supervisor-home")

    page.goto("/reports/caseload/")
    expect(page.get_by_role("heading", name="Active clients per staff member")).to_be_visible()
    problems += shoot(page, screenshot, axe, "caseload")
    assert problems == []

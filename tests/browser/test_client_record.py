"""The client record as staff see it in a real browser."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis_center.roles import Role
from intake.models import EmergencyAccess
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def people():
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    advocate2 = StaffFactory(username="advocate2", role=Role.ADVOCATE, certified=True)
    supervisor = StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)
    own = ClientFactory(pseudonym="Rosa M.", created_by=advocate, code_word="sunflower")
    other = ClientFactory(pseudonym="Keisha", created_by=advocate2)
    return {
        "advocate": advocate,
        "advocate2": advocate2,
        "supervisor": supervisor,
        "own": own,
        "other": other,
    }


def test_advocate_opens_a_client_with_the_keyboard_and_edits_it(page, screenshot, people):
    sign_in(page, "advocate", PASSWORD)
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    expect(page.get_by_text("Keisha")).to_have_count(0)
    screenshot("advocate-home")

    page.get_by_role("link", name="Rosa M.").click()
    expect(page.get_by_role("heading", name="Safe contact")).to_be_visible()
    expect(page.get_by_text("sunflower")).to_be_visible()
    screenshot("client-detail")

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Pronouns").fill("she/her")
    page.get_by_label("Safe to call").select_option("no")
    page.get_by_role("button", name="Save client").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.get_by_text("(she/her)")).to_be_visible()

    # The other advocate's client does not exist for this advocate.
    page.goto(f"/clients/{people['other'].pk}/")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.get_by_text("Keisha")).to_have_count(0)


def test_new_client_form_is_usable_with_the_keyboard_alone(page, screenshot, people):
    sign_in(page, "advocate", PASSWORD)
    page.goto("/clients/new/")
    page.get_by_label("Pseudonym or first name").focus()
    page.keyboard.type("Lina")
    screenshot("client-form")
    page.get_by_role("button", name="Save client").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Lina")).to_be_visible()


def test_supervisor_sees_history_and_who_viewed(page, screenshot, axe, people):
    sign_in(page, "advocate", PASSWORD)  # the home page lists the client: a list view
    page.goto(f"/clients/{people['own'].pk}/")
    page.reload()  # the same view again, folded into one line
    page.get_by_role("button", name="Sign out").click()
    # Advocate 2 opens the file through emergency access ("break the glass").
    EmergencyAccess.objects.create(
        client=people["own"],
        user=people["advocate2"],
        reason="Caller in crisis, her advocate is off shift",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    sign_in(page, "advocate2", PASSWORD)
    page.goto(f"/clients/{people['own'].pk}/")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "supervisor", PASSWORD)
    expect(page.get_by_role("heading", name="All clients")).to_be_visible()
    screenshot("supervisor-home")
    page.get_by_role("link", name="Rosa M.", exact=True).click()
    page.get_by_role("link", name="History and views").click()
    views = page.locator("section", has=page.get_by_role("heading", name="Who viewed this file"))
    rows = views.get_by_role("row")
    # Emergency access first, with its badge; then the openings, in words, repeats folded.
    expect(rows.nth(1)).to_contain_text("Emergency access")
    expect(rows.nth(1)).to_contain_text(str(people["advocate2"]))
    opened = rows.filter(has_text=str(people["advocate"]))
    expect(opened).to_have_count(1)
    expect(opened).to_contain_text("Client file")
    expect(opened).to_contain_text("2 views, from")
    expect(views).not_to_contain_text("client_detail")
    expect(views).not_to_contain_text("Home page list")
    views.scroll_into_view_if_needed()
    screenshot("client-history")
    assert axe() == []

    views.get_by_role("link", name="Every view, lists included").click()
    expect(views.get_by_role("row").filter(has_text="Home page list")).not_to_have_count(0)
    screenshot("client-history-all-views")
    assert axe() == []


def test_supervisor_searches_by_name_and_sees_the_newest_file_first(page, screenshot, axe, people):
    older = ClientFactory(pseudonym="Rosa T.", created_by=people["advocate"])
    newest = ClientFactory(pseudonym="Rosalind", created_by=people["advocate"])
    sign_in(page, "supervisor", PASSWORD)
    page.goto("/clients/")
    page.get_by_label("Search by pseudonym").fill("rosa")
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Clients matching “rosa”, newest file first")
    expect(table).to_be_visible()
    names = table.locator("tbody td:first-child").all_inner_texts()
    assert names == [newest.pseudonym, older.pseudonym, people["own"].pseudonym]
    expect(page.get_by_text("Keisha")).to_have_count(0)
    screenshot("client-search")
    assert axe() == []

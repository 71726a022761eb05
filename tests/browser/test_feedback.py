"""The feedback survey in the browser: an advocate hands over a link, a client answers
on their own device, the link is spent, and a supervisor reads the counts."""

import re

import pytest
from playwright.sync_api import expect

from collaboration.models import FeedbackResponse
from crisis_center.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import StaffFactory

PASSWORD = "correct-horse-battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_client_answers_the_survey_once_through_the_link(
    page, browser, live_server, screenshot, axe
):
    StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)
    sign_in(page, "advocate", PASSWORD)
    page.get_by_role("link", name="Collaboration").click()
    assert axe() == []
    screenshot("collaboration-advocate")
    page.get_by_role("link", name="New feedback link").click()
    page.get_by_role("button", name="New feedback link").click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    url = page.get_by_label("Survey link").input_value()
    assert re.fullmatch(rf"{live_server.url}/survey/[A-Za-z0-9_-]{{43}}/", url)
    assert axe() == []

    # The client's own phone: a fresh browser with no session.
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 420, "height": 900})
    survey = phone.new_page()
    survey.goto(url)
    expect(survey.get_by_role("heading", name="Tell us how we did")).to_be_visible()
    expect(survey.get_by_role("link")).to_have_count(0)  # nothing to follow anywhere
    survey.get_by_label("Counseling").check()
    survey.get_by_role("group", name="I felt safe here.").get_by_label("Strongly agree").check()
    survey.get_by_role("group", name="I felt believed and respected.").get_by_label(
        "Prefer not to say"
    ).check()
    survey.get_by_label("What helped you most? (optional)").fill("Being listened to.")
    survey.screenshot(path="tests/screenshots/feedback-survey.png", full_page=True)
    survey.get_by_role("button", name="Send my answers").click()
    expect(survey.get_by_role("heading", name="Thank you")).to_be_visible()

    survey.goto(url)
    expect(
        survey.get_by_role("heading", name="This link has already been used or has expired")
    ).to_be_visible()
    assert phone.cookies() == []  # nothing left on the client's phone
    survey.goto("/")
    expect(survey.get_by_label("Username")).to_be_visible()  # the login page, nothing more
    phone.close()
    assert FeedbackResponse.objects.get().used_counseling

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "supervisor", PASSWORD)
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Client feedback").click()
    expect(page.get_by_text("Being listened to.")).to_be_visible()
    assert axe() == []
    screenshot("feedback-results")


def test_an_advocate_records_a_case_conference_and_prints_the_summary(page, screenshot, axe):
    from tests.factories import ClientFactory, referral_records

    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    person = ClientFactory(pseudonym="Valeria", created_by=advocate)
    referral_records(person, advocate)  # a valid release for Harbor Legal Aid
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/clients/{person.pk}/")
    page.get_by_role("link", name="Record a case conference").click()
    page.get_by_label("Harbor Legal Aid").check()
    page.get_by_label("Other attendees (roles, not names)").fill("Housing case manager")
    page.get_by_label("What is shared with the partners").fill("Adult survivor, needs housing.")
    page.get_by_label("Decisions").fill("Legal aid files the T visa application.")
    assert axe() == []
    page.get_by_role("button", name="Save conference").click()
    expect(page.get_by_text("Case conference saved.")).to_be_visible()
    page.get_by_label("Description").fill("File the T visa application")
    page.get_by_label("Owner agency").select_option(label="Harbor Legal Aid")
    page.get_by_role("button", name="Add action item").click()
    expect(page.get_by_text("Action item added.")).to_be_visible()
    assert axe() == []
    screenshot("case-conference")
    page.get_by_role("link", name="Shared summary (printable)").click()
    expect(page.get_by_text("Client A")).to_be_visible()
    expect(page.get_by_text("Valeria")).to_have_count(0)
    assert axe() == []
    screenshot("case-conference-summary")

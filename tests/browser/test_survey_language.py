"""The survey in the client's language in a browser: a link preset to Spanish opens in
Spanish, the client switches to English with the keyboard, and answers; axe finds
nothing on either (the page's lang attribute follows the language)."""

import pytest
from playwright.sync_api import expect

from collaboration.models import FeedbackLink, FeedbackResponse
from crisis_center.center import CenterSettings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_client_switches_a_spanish_survey_to_english_and_answers(page, screenshot, axe):
    CenterSettings(name="Centro Aurora", hotline="555-0199", address="Calle Mayor 5").save()
    _link, token = FeedbackLink.issue(language="es")
    page.goto(f"/survey/{token}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Díganos cómo lo hicimos")).to_be_visible()
    expect(page.get_by_text("Línea de ayuda: 555-0199")).to_be_visible()
    page.get_by_label("Consejería").check()
    assert axe() == []
    screenshot("survey-es")

    english = page.get_by_role("button", name="English")
    english.focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Tell us how we did")).to_be_visible()
    expect(page.get_by_text("Hotline: 555-0199")).to_be_visible()
    page.get_by_label("Counseling").check()
    page.get_by_role("group", name="I felt safe here.").get_by_label("Strongly agree").check()
    assert axe() == []
    screenshot("survey-en")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    response = FeedbackResponse.objects.get()
    assert response.used_counseling and response.felt_safe == "strongly_agree"

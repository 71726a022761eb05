"""The idle sign-out in the browser: at zero the page leaves for the sign-in page and the
client's file goes with it; a form being typed is kept for the person who typed it, and
for no one else (crisis_center/static/js/session-timer.js, crisis_center/kept_forms.py).

The live server reads the same settings object, so a test shortens the idle timeout by
setting SESSION_COOKIE_AGE.
"""

import json
import re
from urllib.parse import quote

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from crisis_center.models import KeptForm
from crisis_center.roles import Role
from intake.models import Client
from tests.browser.conftest import sign_in
from tests.factories import ClientFactory, StaffFactory

PASSWORD = "correct-horse-battery"
SIGN_IN_PAGE = re.compile(r"/accounts/login/\?next=")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in_here(page, username: str) -> None:
    """Sign in on the sign-in page the browser is on, keeping its next."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _sessions_text() -> str:
    return "".join(s.session_data + json.dumps(s.get_decoded()) for s in Session.objects.all())


def test_at_zero_the_page_leaves_for_the_sign_in_page_and_the_file_goes_with_it(
    page, settings, axe
):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    person = ClientFactory(pseudonym="Noor-Idle", code_word="marigold", created_by=advocate)
    settings.SESSION_COOKIE_AGE = 4
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/clients/{person.pk}/")
    expect(page.get_by_role("heading", name="Noor-Idle")).to_be_visible()

    expect(page).to_have_url(SIGN_IN_PAGE, timeout=10_000)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.url.endswith("?next=" + quote(f"/clients/{person.pk}/", safe=""))
    content = page.content()
    assert "Noor-Idle" not in content and "marigold" not in content
    assert axe() == []


def test_a_form_being_typed_at_zero_is_kept_for_its_author_only(page, settings, screenshot, axe):
    advocate = StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)
    StaffFactory(username="advocate2", role=Role.ADVOCATE, certified=True)
    person = ClientFactory(pseudonym="Noor-Idle", created_by=advocate)
    settings.SESSION_COOKIE_AGE = 6
    sign_in(page, "advocate", PASSWORD)
    page.goto(f"/clients/{person.pk}/edit/")
    page.get_by_label("Legal name").fill("Rosalind Quarrington-Vale")
    page.get_by_label("Code word").fill("bluebird-lantern")

    # Nobody types any more: at zero the page sends the form to be kept and leaves.
    expect(page).to_have_url(SIGN_IN_PAGE, timeout=15_000)
    assert "Quarrington" not in page.content()
    assert "Quarrington" not in _sessions_text()
    assert KeptForm.objects.get().user == advocate
    person.refresh_from_db()
    assert person.legal_name == ""  # nothing saved

    # Someone else signs in at that browser and is sent on to the page: a 404, empty.
    _sign_in_here(page, "advocate2")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    content = page.content()
    assert "Quarrington" not in content and "bluebird" not in content
    assert "Noor-Idle" not in content
    # Their own page leaves in turn.
    expect(page).to_have_url(SIGN_IN_PAGE, timeout=15_000)

    # The author signs in again and finds what they typed, in the page's own form.
    settings.SESSION_COOKIE_AGE = 900
    _sign_in_here(page, "advocate")
    expect(page.get_by_text("Your form was kept.")).to_be_visible()
    expect(page.get_by_label("Legal name")).to_have_value("Rosalind Quarrington-Vale")
    expect(page.get_by_label("Code word")).to_have_value("bluebird-lantern")
    assert not KeptForm.objects.exists()
    assert "Quarrington" not in _sessions_text()
    screenshot("kept-form-returned")
    assert axe() == []

    page.get_by_role("button", name="Save client").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    person = Client.objects.get(pk=person.pk)
    assert person.legal_name == "Rosalind Quarrington-Vale"
    assert person.code_word == "bluebird-lantern"

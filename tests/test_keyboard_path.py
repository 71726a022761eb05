"""The keyboard path through form pages: a create form opens in its first field, and a
form that comes back with errors starts on a summary whose items lead to the fields
(static/js/forms.js does the focusing; these pages carry what it needs)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from crisis_center.records import KINDS
from crisis_center.roles import TrainingTopic
from intake.models import CrisisContact
from tests.factories import ContactFactory, TrainingRecordFactory


class _Page(HTMLParser):
    """The forms marked to open in their first field, and the error summary's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.focus_first = 0
        self.summaries = 0
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._in_summary = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = dict(attrs)
        if "id" in attr:
            self.ids.add(attr["id"])
        if tag == "form" and "data-focus-first" in attr:
            self.focus_first += 1
        if "data-error-summary" in attr:
            self.summaries += 1
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        elif self._in_summary and tag == "a":
            self.links.append(attr["href"])

    def handle_endtag(self, tag: str) -> None:
        if self._in_summary and tag == "div":
            self._in_summary -= 1


def _page(response) -> _Page:
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    return page


@pytest.fixture
def counselor(advocate):
    TrainingRecordFactory(staff=advocate, topic=TrainingTopic.COUNSELING, hours=20)
    return advocate


CREATABLE = sorted(slug for slug, kind in KINDS.items() if f"{slug}_create" in kind.url_names())


@pytest.mark.parametrize("slug", CREATABLE)
def test_every_record_create_form_opens_in_its_first_field(client, counselor, own_client, slug):
    client.force_login(counselor)
    page = _page(client.get(reverse(f"{slug}_create", args=[own_client.pk])))
    assert page.focus_first == 1


@pytest.mark.parametrize("name", ["contact_create", "client_create"])
def test_the_contact_and_client_forms_open_in_their_first_field(client, advocate, name):
    client.force_login(advocate)
    assert _page(client.get(reverse(name))).focus_first == 1


def test_an_edit_form_does_not_take_the_focus(client, advocate, own_client):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    assert _page(client.get(reverse("contact_edit", args=[contact.pk]))).focus_first == 0
    assert _page(client.get(reverse("client_edit", args=[own_client.pk]))).focus_first == 0


def test_the_error_summary_links_each_problem_to_its_field(client, advocate):
    client.force_login(advocate)
    posted = {
        "channel": "carrier pigeon",
        "started_at": "2026-13-45T99:99",
        "duration_minutes": "-5",
        "needs": ["fire"],
        "service_codes": ["Z9"],
    }
    page = _page(client.post(reverse("contact_create"), posted))
    assert page.summaries == 1
    # In the order of the form: each link leads to its field (a list to its first box).
    assert page.links == [
        "#id_channel",
        "#id_needs_0",
        "#id_duration_minutes",
        "#id_started_at",
        "#id_service_codes_0_0",
    ]
    assert {link.removeprefix("#") for link in page.links} <= page.ids
    assert not CrisisContact.objects.exists()


def test_the_error_summary_names_the_field_and_the_problem(client, advocate):
    client.force_login(advocate)
    response = client.post(reverse("contact_create"), {"started_at": "", "duration_minutes": "0"})
    body = response.content.decode()
    assert "Nothing was saved. Please correct the fields marked below." in body
    assert "Started: This field is required." in body
    assert "Duration (minutes): " in body


def test_a_record_form_summary_lists_what_is_wrong(client, advocate, own_client):
    client.force_login(advocate)
    posted = {"duration_minutes": "-5"}
    page = _page(client.post(reverse("medical_create", args=[own_client.pk]), posted))
    assert page.summaries == 1
    assert "#id_duration_minutes" in page.links
    assert page.focus_first == 1  # forms.js focuses the summary instead when there is one

"""Nothing staff type is lost, cut short or silently changed (rule 1: saved as typed,
once, or the form comes back with a message and nothing is saved).

What only a browser does (posting an unreadable date as empty, cutting a paste at a
maxlength, submitting on Enter) is in tests/browser/test_typed_input.py; here the server's
half of each: it tells "empty" from "unreadable", keeps long text whole, and refuses
what is over a limit with a message.
"""

import re

import pytest
from django.urls import reverse

from advocacy.models import MedicalAdvocacy
from intake.models import Client, CrisisContact, Screening
from referrals.models import Resource
from tests.factories import ContactFactory, TrainingRecordFactory
from tests.html_forms import only_post_form

LONG = "Ana said: " + "she was moved between three motels, " * 150  # > 5,000 characters


def _form_post(client, url: str) -> dict:
    """What the browser would post from the page's form with nothing changed."""
    return only_post_form(client.get(url)).data()


@pytest.fixture
def advocate_in(client, advocate):
    client.force_login(advocate)
    return client


# Finding 1: a date the browser could not read is posted empty ----------------------


def test_a_date_the_browser_could_not_read_is_refused_not_saved_as_empty(advocate_in, own_client):
    # Typed 02/30/2026 into a date input: the browser posts "" and forms.js names the
    # field in bad_input.
    url = reverse("medical_create", args=[own_client.pk])
    data = _form_post(advocate_in, url) | {"follow_up_by": "", "bad_input": "follow_up_by"}

    response = advocate_in.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["follow_up_by"] == [
        "Enter a real date: this one does not exist or is not complete."
    ]
    assert not MedicalAdvocacy.objects.exists()


def test_an_empty_date_is_still_no_date(advocate_in, own_client):
    url = reverse("medical_create", args=[own_client.pk])
    data = _form_post(advocate_in, url) | {"follow_up_by": ""}

    assert advocate_in.post(url, data).status_code == 302
    assert MedicalAdvocacy.objects.get().follow_up_by is None


def test_an_unreadable_number_is_refused_not_saved_as_empty(advocate_in):
    url = reverse("contact_create")
    data = _form_post(advocate_in, url) | {"duration_minutes": "", "bad_input": "duration_minutes"}

    response = advocate_in.post(url, data)

    assert response.context["form"].errors["duration_minutes"] == ["Enter a number."]
    assert not CrisisContact.objects.exists()


def test_an_unreadable_time_is_refused_not_saved_as_empty(client, coordinator, own_client):
    client.force_login(coordinator)
    url = reverse("resource_create")
    data = _form_post(client, url) | {"opens_at": "", "bad_input": ["opens_at", "closes_at"]}
    before = Resource.objects.count()

    response = client.post(url, data)

    assert response.context["form"].errors["opens_at"] == ["Enter a real time."]
    assert response.context["form"].errors["closes_at"] == ["Enter a real time."]
    assert Resource.objects.count() == before


# Finding 2: pasted text is cut short -------------------------------------------------


@pytest.mark.parametrize(
    ("page", "field", "model"),
    [
        ("medical_create", "notes", MedicalAdvocacy),
        ("screening_create", "q5", Screening),
        ("screening_create", "q1_note", Screening),
        ("contact_create", "note", CrisisContact),
    ],
)
def test_a_long_pasted_note_is_saved_whole(advocate_in, own_client, page, field, model):
    url = reverse(page, args=[own_client.pk] if page != "contact_create" else [])
    data = _form_post(advocate_in, url) | {field: LONG}

    assert advocate_in.post(url, data).status_code == 302
    assert getattr(model.objects.get(), field) == LONG


@pytest.mark.parametrize(
    "page", ["client_create", "medical_create", "screening_create", "contact_create"]
)
def test_no_field_has_a_maxlength_that_would_cut_a_paste(advocate_in, own_client, page):
    url = reverse(page, args=[own_client.pk] if page.startswith(("medical", "screening")) else [])
    html = advocate_in.get(url).content.decode()
    assert not re.search(r"\smaxlength=", html)


def test_the_pseudonym_shows_its_limit_for_a_counter(advocate_in, own_client):
    html = advocate_in.get(reverse("client_create")).content.decode()
    assert re.search(r'<input[^>]*name="pseudonym"[^>]*data-maxlength="100"', html)
    contact = ContactFactory(advocate=own_client.created_by)
    html = advocate_in.get(reverse("contact_detail", args=[contact.pk])).content.decode()
    assert re.search(r'<input[^>]*name="pseudonym"[^>]*data-maxlength="100"', html)


def test_a_pseudonym_over_its_limit_is_refused_with_a_message(advocate_in, own_client):
    url = reverse("client_create")
    data = _form_post(advocate_in, url) | {"pseudonym": "Wren-" * 30}
    before = Client.objects.count()

    response = advocate_in.post(url, data)

    assert response.context["form"].errors["pseudonym"] == [
        "This holds at most 100 characters; it has 150. Shorten it: nothing was cut or saved."
    ]
    assert Client.objects.count() == before


# Whitespace: a note is kept exactly; a one-line field drops surrounding spaces ---------


def test_a_note_keeps_its_surrounding_whitespace_and_line_breaks(advocate_in):
    url = reverse("contact_create")
    note = "\n  1. called from a motel\r\n  2. safe to text  \n"
    data = _form_post(advocate_in, url) | {"note": note, "language": "  Tagalog  "}

    assert advocate_in.post(url, data).status_code == 302
    contact = CrisisContact.objects.get()
    assert (contact.note, contact.language) == (note, "Tagalog")


def test_a_required_note_of_only_spaces_is_still_missing(client, advocate, own_client):
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    client.force_login(advocate)
    url = reverse("goal_create", args=[own_client.pk])
    data = _form_post(client, url) | {"goal": "   \n "}

    response = client.post(url, data)

    assert response.context["form"].errors["goal"] == ["This field is required."]

"""Hotline and crisis contacts: anonymous first, linked later, never a hint of others."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_center.models import AccessLog
from intake import services
from intake.models import CareTeamMember, Client, CrisisContact
from tests.conftest import OTHER_NAME
from tests.factories import ContactFactory
from tests.intake.test_client_pages import _queries

NOW = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def test_an_anonymous_contact_saves_with_almost_nothing_filled_in(client, advocate):
    client.force_login(advocate)
    response = client.post(reverse("contact_create"), {"started_at": NOW, "caller_relation": ""})
    contact = CrisisContact.objects.get()
    assert response.status_code == 302
    assert contact.channel == "hotline_call"
    assert contact.client is None
    assert contact.advocate == advocate
    assert contact.caller_relation == "unknown"
    assert contact.needs == [] and contact.services == []
    assert contact.history.get().history_user == advocate


def test_a_full_contact_keeps_needs_and_services(client, advocate):
    client.force_login(advocate)
    client.post(
        reverse("contact_create"),
        {
            "channel": "text_chat",
            "started_at": NOW,
            "duration_minutes": "25",
            "caller_relation": "survivor",
            "language": "Spanish",
            "interpreter_used": "on",
            "needs": ["safety", "shelter"],
            "services": ["crisis_intervention", "safety_planning"],
            "note": "Caller safe tonight at a friend's.",
        },
    )
    contact = CrisisContact.objects.get()
    assert contact.needs == ["safety", "shelter"]
    assert contact.services == ["crisis_intervention", "safety_planning"]
    assert contact.interpreter_used and contact.duration_minutes == 25


GARBAGE = {
    "channel": "carrier pigeon",
    "started_at": "2026-13-45T99:99",
    "duration_minutes": "-5",
    "caller_relation": "<b>boss</b>",
    "language": "x" * 5000,
    "interpreter_used": "perhaps",
    "needs": ["fire", "safety", "safety"],
    "services": ["magic"],
    "note": "y\x00",  # a NUL; a long note is not garbage (tests/test_typed_input.py)
    "client": "1",
    "advocate": "1",
}


def test_garbage_in_every_field_is_a_form_error_and_saves_nothing(client, advocate):
    client.force_login(advocate)
    response = client.post(reverse("contact_create"), GARBAGE)
    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("channel", "started_at", "duration_minutes", "caller_relation", "needs", "note"):
        assert field in errors, field
    assert "<b>boss</b>" not in response.content.decode()
    assert not CrisisContact.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_minutes", "-1", "At least 1 minute."),
        ("duration_minutes", "99999", "At most 24 hours"),
        ("duration_minutes", "1e3", "Enter a whole number"),
        ("started_at", "yesterday", "Enter a valid date/time"),
        ("started_at", "2999-01-01T10:00", "can&#x27;t start in the future"),
    ],
)
def test_bad_values_get_clear_messages(client, advocate, field, value, message):
    client.force_login(advocate)
    data = {"channel": "hotline_call", "started_at": NOW, field: value}
    response = client.post(reverse("contact_create"), data)
    assert message in response.content.decode()
    assert not CrisisContact.objects.exists()


def test_trainee_cannot_log_a_contact(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("contact_create"), {"channel": "hotline_call", "started_at": NOW}
    )
    assert response.status_code == 403
    assert not CrisisContact.objects.exists()


def test_linking_an_anonymous_contact_to_a_client_on_my_caseload(client, advocate, own_client):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    response = client.post(
        reverse("contact_link", args=[contact.pk]),
        {"client": own_client.pk, "current": "", "confirm": "1"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.client == own_client
    assert contact.history.latest().history_user == advocate


def test_linking_to_a_client_i_cannot_see_is_refused_with_no_hint_it_exists(
    client, advocate, other_client
):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    url = reverse("contact_link", args=[contact.pk])
    hidden = client.post(url, {"client": other_client.pk, "confirm": "1"})
    missing = client.post(url, {"client": 10**9, "confirm": "1"})

    assert hidden.status_code == missing.status_code == 200
    hidden_errors = hidden.context["link_form"].errors
    assert hidden_errors == missing.context["link_form"].errors
    assert hidden_errors["client"] == ["No client you can see has that number."]
    assert OTHER_NAME not in hidden.content.decode()
    contact.refresh_from_db()
    assert contact.client is None


def test_a_linked_contact_is_not_relinked_to_a_missing_client(client, advocate, own_client):
    contact = ContactFactory(advocate=advocate, client=own_client)
    client.force_login(advocate)
    client.post(
        reverse("contact_link", args=[contact.pk]),
        {"client": 10**9, "current": own_client.pk, "confirm": "1"},
    )
    contact.refresh_from_db()
    assert contact.client == own_client


def test_intake_turns_a_caller_into_a_client_in_one_step(client, advocate):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    response = client.post(reverse("contact_intake", args=[contact.pk]), {"pseudonym": "Bree"})
    new = Client.objects.get(pseudonym="Bree")
    assert response.url == reverse("client_detail", args=[new.pk])
    contact.refresh_from_db()
    assert contact.client == new
    assert CareTeamMember.objects.active().filter(client=new, staff=advocate).exists()


def test_intake_needs_a_pseudonym(client, advocate):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    response = client.post(reverse("contact_intake", args=[contact.pk]), {"pseudonym": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Client.objects.exists()


def test_my_contact_linked_to_a_client_i_cannot_see_shows_no_name(
    client, advocate, supervisor, other_client
):
    contact = ContactFactory(advocate=advocate)
    services.contact_link(contact=contact, client=other_client, by=supervisor)
    client.force_login(advocate)
    for url in (reverse("contact_detail", args=[contact.pk]), reverse("contact_list")):
        response = client.get(url)
        assert response.status_code == 200
        assert OTHER_NAME not in response.content.decode()
    assert not AccessLog.objects.filter(client_id=other_client.pk).exists()


def test_contact_list_shows_my_contacts_newest_first(client, advocate, advocate2):
    old = ContactFactory(advocate=advocate, started_at=timezone.now() - timedelta(days=2))
    new = ContactFactory(advocate=advocate)
    ContactFactory(advocate=advocate2)
    client.force_login(advocate)
    page = client.get(reverse("contact_list")).context["page"]
    assert list(page.object_list) == [new, old]


def test_editing_a_contact_later(client, advocate):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    client.post(
        reverse("contact_edit", args=[contact.pk]),
        {"channel": "walk_in", "started_at": NOW, "note": "Added details after the call."},
    )
    contact.refresh_from_db()
    assert contact.channel == "walk_in"
    assert contact.advocate == advocate


@pytest.mark.parametrize(
    ("page", "ceiling"),
    [
        # session, user, BEGIN, count, page with the visible client's name, access-log
        # insert, COMMIT, BEGIN, session save, COMMIT
        ("contact_list", 12),  # + the access log's check for emergency grants
        # no list: session, user, training hours, transactions; + the staff "given by"
        # offers, read once; + the center's own needs (crisis_center/local_choices.py)
        ("contact_create", 11),
    ],
)
def test_contact_pages_run_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries, page, ceiling
):
    ContactFactory.create_batch(3, advocate=advocate, client=own_client)
    client.force_login(advocate)
    small = _queries(client, django_assert_max_num_queries, reverse(page), ceiling)
    ContactFactory.create_batch(40, advocate=advocate, client=own_client)
    large = _queries(client, django_assert_max_num_queries, reverse(page), ceiling)
    assert small == large


# session, user, BEGIN, the contact with its visible client's name, access-log insert,
# COMMIT, BEGIN, session save, COMMIT (+ the link form's queryset is lazy: no query);
# the detail page also lists the referrals given on the contact, the edit page the
# editor's training hours (a contact is a service: DESIGN.md rule 3)
# (+1 for an advocate: the access log's check for emergency grants; +1 on the edit page
# for the staff "given by" offers, read once; +1 on the edit page for the center's own
# needs, read once: crisis_center/local_choices.py)
@pytest.mark.parametrize(("page", "ceiling"), [("contact_detail", 12), ("contact_edit", 14)])
def test_contact_record_pages_run_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries, page, ceiling
):
    contact = ContactFactory(advocate=advocate, client=own_client)
    client.force_login(advocate)
    _queries(client, django_assert_max_num_queries, reverse(page, args=[contact.pk]), ceiling)


def test_a_contact_is_listed_once_whatever_the_size_of_the_care_team(
    client, advocate, advocate2, supervisor, other_client
):
    # Logged by advocate, linked to a client whose care team has two other people.
    contact = ContactFactory(advocate=advocate)
    services.contact_link(contact=contact, client=other_client, by=supervisor)
    services.care_team_add(client=other_client, staff=supervisor, by=supervisor)
    assert list(CrisisContact.objects.visible_to(advocate)) == [contact]
    client.force_login(advocate)
    assert client.get(reverse("contact_list")).context["page"].paginator.count == 1

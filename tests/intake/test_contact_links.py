"""Linking a contact to a client: the client's name is shown before anything is linked,
and a wrong link can be undone (unlinked or moved) by the contact's author or a
supervisor, with its history and the services it counted following it."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis_center.models import AccessLog
from intake import counts, service_ledger, services
from intake.models import (
    ContactLinkChange,
    CrisisContact,
    ServiceDelivery,
    StoredReport,
)
from intake.purge import purge_client
from intake.reports import caseload_dashboard
from referrals.models import Agency, Referral, Resource
from tests.conftest import OTHER_NAME, OWN_NAME
from tests.factories import ClientFactory, ContactFactory

SECOND_NAME = "Odette-Second"
NO_SUCH_CLIENT = "No client you can see has that number."
NOTE = "Caller asked about the shelter on Fifth."


@pytest.fixture
def second_client(advocate):
    """Another client on the advocate's caseload: where a wrong link should have gone."""
    return ClientFactory(pseudonym=SECOND_NAME, created_by=advocate)


@pytest.fixture
def contact(advocate):
    """An anonymous hotline call the advocate logged, with a service and a referral."""
    call = ContactFactory(advocate=advocate, services=["crisis_intervention"], note=NOTE)
    agency = Agency.objects.create(name="Safe Harbor DV", kind="dv_program")
    resource = Resource.objects.create(agency=agency, name="Shelter line", category="health")
    Referral.objects.create(contact=call, resource=resource, created_by=advocate)
    return call


def _link_url(contact) -> str:
    return reverse("contact_link", args=[contact.pk])


def _unlink_url(contact) -> str:
    return reverse("contact_unlink", args=[contact.pk])


def _confirm(client, contact, target, current=None):
    """POST what the confirmation page's button sends."""
    current = contact.client_id if current is None else current
    data = {"client": target.pk, "current": current or "", "confirm": "1"}
    return client.post(_link_url(contact), data)


def _ledger(contact) -> set:
    return set(ServiceDelivery.objects.filter(contact=contact).values_list("client_id", "code"))


# --- Linking: a preview first -----------------------------------------------------


def test_the_preview_names_the_client_and_links_nothing(client, advocate, contact, own_client):
    client.force_login(advocate)
    response = client.get(_link_url(contact), {"client": own_client.pk})

    assert response.status_code == 200
    body = response.content.decode()
    assert f"Link this contact to {OWN_NAME} (#{own_client.pk})?" in body
    assert 'name="confirm"' in body
    contact.refresh_from_db()
    assert contact.client is None
    assert not ContactLinkChange.objects.exists()
    # Showing the name is a view of the file: in the access log, through this page.
    assert AccessLog.objects.filter(
        user=advocate, client_id=own_client.pk, view_name="contact_link"
    ).exists()


def test_an_unseen_clients_number_gets_the_same_answer_as_a_missing_one(
    client, advocate, contact, other_client
):
    client.force_login(advocate)
    hidden = client.get(_link_url(contact), {"client": other_client.pk})
    missing = client.get(_link_url(contact), {"client": 10**9})

    assert hidden.status_code == missing.status_code == 200
    for response in (hidden, missing):
        assert NO_SUCH_CLIENT in response.content.decode()
        assert 'name="confirm"' not in response.content.decode()
    assert hidden.context["link_form"].errors == missing.context["link_form"].errors
    assert OTHER_NAME not in hidden.content.decode()
    assert not AccessLog.objects.filter(client_id=other_client.pk).exists()

    # Confirming it anyway (a forged POST) is the same answer, and links nothing.
    forged = _confirm(client, contact, other_client)
    assert forged.status_code == 200
    assert NO_SUCH_CLIENT in forged.content.decode()
    assert OTHER_NAME not in forged.content.decode()
    contact.refresh_from_db()
    assert contact.client is None


@pytest.mark.parametrize("number", ["", "abc", "-1", "0", "1.5", "99999999999999999999999"])
def test_a_bad_number_is_a_message_not_an_error(client, advocate, contact, number):
    client.force_login(advocate)
    response = client.get(_link_url(contact), {"client": number})
    assert response.status_code == 200
    assert response.context["link_form"].errors


def test_a_post_without_the_confirmation_only_previews(client, advocate, contact, own_client):
    client.force_login(advocate)
    response = client.post(_link_url(contact), {"client": own_client.pk})
    assert response.status_code == 200
    assert f"Link this contact to {OWN_NAME}" in response.content.decode()
    contact.refresh_from_db()
    assert contact.client is None


def test_confirming_links_the_contact_and_records_who_and_why(
    client, advocate, contact, own_client
):
    client.force_login(advocate)
    response = _confirm(client, contact, own_client)

    assert response.status_code == 302
    assert response.url == reverse("client_detail", args=[own_client.pk])
    contact.refresh_from_db()
    assert contact.client == own_client
    latest = contact.history.latest()
    assert latest.history_user == advocate
    assert latest.history_change_reason == f"linked to client {own_client.pk}"
    change = ContactLinkChange.objects.get()
    assert (change.from_client, change.to_client, change.by) == (None, own_client, advocate)


def test_a_confirmation_for_a_contact_linked_meanwhile_changes_nothing(
    client, advocate, supervisor, contact, own_client, second_client
):
    client.force_login(advocate)
    client.get(_link_url(contact), {"client": own_client.pk})  # the advocate reads it...
    services.contact_link(contact=contact, client=second_client, by=supervisor)  # meanwhile
    response = _confirm(client, contact, own_client, current="")  # ...and confirms

    assert response.status_code == 302
    assert response.url == reverse("contact_detail", args=[contact.pk])
    contact.refresh_from_db()
    assert contact.client == second_client
    assert ContactLinkChange.objects.count() == 1


# --- Moving and unlinking ---------------------------------------------------------


def test_the_author_moves_a_contact_to_the_right_client_after_a_preview(
    client, advocate, contact, own_client, second_client
):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    client.force_login(advocate)
    preview = client.get(_link_url(contact), {"client": second_client.pk}).content.decode()
    assert (
        f"Move this contact from {OWN_NAME} (#{own_client.pk}) "
        f"to {SECOND_NAME} (#{second_client.pk})?"
    ) in preview
    contact.refresh_from_db()
    assert contact.client == own_client

    response = _confirm(client, contact, second_client)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.client == second_client
    assert contact.history.latest().history_change_reason == (
        f"moved from client {own_client.pk} to client {second_client.pk}"
    )
    change = ContactLinkChange.objects.latest("pk")
    assert (change.from_client, change.to_client, change.by) == (
        own_client,
        second_client,
        advocate,
    )


def test_moving_to_the_client_it_is_linked_to_is_a_message(client, advocate, contact, own_client):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    client.force_login(advocate)
    response = client.get(_link_url(contact), {"client": own_client.pk})
    assert response.status_code == 200
    assert "already linked to that client" in response.content.decode()


def test_the_author_unlinks_a_contact_after_a_confirmation(client, advocate, contact, own_client):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    client.force_login(advocate)
    page = client.get(_unlink_url(contact))
    assert page.status_code == 200
    assert f"Unlink this contact from {OWN_NAME} (#{own_client.pk})?" in page.content.decode()
    contact.refresh_from_db()
    assert contact.client == own_client

    response = client.post(_unlink_url(contact), {"current": own_client.pk})

    assert response.status_code == 302
    assert response.url == reverse("contact_detail", args=[contact.pk])
    contact.refresh_from_db()
    assert contact.client is None
    latest = contact.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        advocate,
        f"unlinked from client {own_client.pk}",
    )
    change = ContactLinkChange.objects.latest("pk")
    assert (change.from_client, change.to_client) == (own_client, None)


def test_a_supervisor_moves_and_unlinks_an_advocates_contact(
    client, supervisor, advocate, contact, own_client, other_client
):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    client.force_login(supervisor)
    assert _confirm(client, contact, other_client).status_code == 302
    contact.refresh_from_db()
    assert contact.client == other_client
    assert client.post(_unlink_url(contact), {"current": other_client.pk}).status_code == 302
    contact.refresh_from_db()
    assert contact.client is None
    assert [c.by for c in ContactLinkChange.objects.order_by("pk")] == [
        advocate,
        supervisor,
        supervisor,
    ]


def test_another_advocate_on_the_care_team_cannot_move_or_unlink_it(
    client, advocate, advocate2, supervisor, contact, own_client, other_client
):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    services.care_team_add(client=own_client, staff=advocate2, by=supervisor)
    client.force_login(advocate2)
    assert client.get(reverse("contact_detail", args=[contact.pk])).status_code == 200

    assert client.get(_unlink_url(contact)).status_code == 404
    assert client.post(_unlink_url(contact), {"current": own_client.pk}).status_code == 404
    assert client.get(_link_url(contact), {"client": other_client.pk}).status_code == 404
    assert _confirm(client, contact, other_client).status_code == 404
    contact.refresh_from_db()
    assert contact.client == own_client
    page = client.get(reverse("contact_detail", args=[contact.pk])).content.decode()
    assert _unlink_url(contact) not in page


def test_the_author_cannot_undo_a_link_to_a_client_they_cannot_see(
    client, advocate, supervisor, contact, other_client
):
    services.contact_link(contact=contact, client=other_client, by=supervisor)
    client.force_login(advocate)
    for response in (
        client.get(_unlink_url(contact)),
        client.post(_unlink_url(contact), {"current": other_client.pk}),
    ):
        assert response.status_code == 404
        assert OTHER_NAME not in response.content.decode()
    contact.refresh_from_db()
    assert contact.client == other_client


def test_the_contact_page_offers_move_and_unlink_to_the_author(
    client, advocate, contact, own_client
):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    client.force_login(advocate)
    page = client.get(reverse("contact_detail", args=[contact.pk])).content.decode()
    assert _unlink_url(contact) in page
    assert "Move to another client" in page


def test_the_client_history_shows_contacts_moved_in_and_out(
    client, advocate, supervisor, contact, own_client, second_client
):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    services.contact_link(contact=contact, client=second_client, by=advocate)
    client.force_login(supervisor)
    mine = client.get(reverse("client_history", args=[own_client.pk])).content.decode()
    theirs = client.get(reverse("client_history", args=[second_client.pk])).content.decode()
    assert f"contact #{contact.pk} moved to client #{second_client.pk}" in mine
    assert f"contact #{contact.pk} moved here from client #{own_client.pk}" in theirs


# --- What the contact counted follows it ------------------------------------------


def test_the_services_and_counts_follow_a_moved_and_an_unlinked_contact(
    advocate, contact, own_client, second_client
):
    ledger_rows = {(None, "C2"), (None, "A3")}
    assert _ledger(contact) == ledger_rows
    assert caseload_dashboard().contacts == {"total": 1, "anonymous": 1}

    services.contact_link(contact=contact, client=own_client, by=advocate)
    assert _ledger(contact) == {(own_client.pk, code) for _, code in ledger_rows}
    now = timezone.now()
    StoredReport.objects.create(
        name="victim_services",
        year_starts_at=now,
        starts_at=now,
        ends_at=now,
        blocks=[],
        counted_at=now,
    )

    services.contact_link(contact=contact, client=second_client, by=advocate)
    assert _ledger(contact) == {(second_client.pk, code) for _, code in ledger_rows}
    assert not StoredReport.objects.filter(current=True).exists()  # counted again next look
    assert caseload_dashboard().contacts == {"total": 1, "anonymous": 0}

    services.contact_unlink(contact=contact, by=advocate)
    assert _ledger(contact) == ledger_rows
    assert caseload_dashboard().contacts == {"total": 1, "anonymous": 1}

    # The ledger is what a rebuild from the records makes, the counts what a recount does.
    kept = sorted(ServiceDelivery.objects.values_list("client_id", "contact_id", "code", "on"))
    service_ledger.rebuild()
    assert kept == sorted(
        ServiceDelivery.objects.values_list("client_id", "contact_id", "code", "on")
    )
    assert counts.differences() == []
    call_command("recount", "--check")


def test_purging_the_client_a_contact_was_moved_to_leaves_no_history_with_its_note(
    advocate, supervisor, contact, own_client, second_client
):
    services.contact_link(contact=contact, client=own_client, by=advocate)
    services.contact_link(contact=contact, client=second_client, by=advocate)
    purge_client(client=second_client, by=supervisor, reason="client_request")
    assert not CrisisContact.history.filter(id=contact.pk, note=NOTE).exists()


# --- Bounded queries --------------------------------------------------------------


def _count_queries(client, django_assert_max_num_queries, ceiling, method, url, data):
    with django_assert_max_num_queries(ceiling) as captured:
        response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302)
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("step", "ceiling"),
    [
        # session, user, SAVEPOINT, the contact with its visible client, the client
        # asked for, the access log's check for emergency grants and its insert,
        # RELEASE, then the session save in its own SAVEPOINT and RELEASE, and the
        # linker's training hours (changing a contact is a write: DESIGN.md rule 3)
        ("preview", 13),
        # the same but the client asked for (the contact is shown), for the unlink page
        ("unlink_page", 12),
        # + a SAVEPOINT and RELEASE around the service, the lock, the counts read before
        # and after and their upsert, the contact's UPDATE and history row, the ledger
        # rows read, deleted and inserted, the referrals' rows moved, the action row,
        # stored reports marked out of date (three times: after each write)
        ("confirm", 28),
        ("unlink", 27),  # the same without the client asked for
    ],
)
def test_linking_pages_run_a_bounded_number_of_queries(
    client, advocate, own_client, second_client, django_assert_max_num_queries, step, ceiling
):
    client.force_login(advocate)
    found = []
    for size in (1, 30):
        for _ in range(size):
            ContactFactory(advocate=advocate, client=own_client, services=["advocacy"])
        contact = ContactFactory(advocate=advocate, services=["crisis_intervention"])
        if step.startswith("unlink"):
            services.contact_link(contact=contact, client=own_client, by=advocate)
        url = _link_url(contact) if step in ("preview", "confirm") else _unlink_url(contact)
        method, data = {
            "preview": ("get", {"client": own_client.pk}),
            "confirm": ("post", {"client": own_client.pk, "current": "", "confirm": "1"}),
            "unlink_page": ("get", {}),
            "unlink": ("post", {"current": own_client.pk}),
        }[step]
        found.append(
            _count_queries(client, django_assert_max_num_queries, ceiling, method, url, data)
        )
    assert found[0] == found[1]


def test_a_confirmation_sent_twice_links_once_and_both_answers_go_to_the_client(
    client, advocate, contact, own_client
):
    """A double click, or a resend after the first answer was lost (the load test kills
    workers mid-request): the second finds the contact linked and says so, no error."""
    client.force_login(advocate)
    first = _confirm(client, contact, own_client, current="")
    again = _confirm(client, contact, own_client, current="")

    assert first.status_code == again.status_code == 302
    assert first.url == again.url == reverse("client_detail", args=[own_client.pk])
    assert ContactLinkChange.objects.count() == 1
    assert contact.history.count() == 2  # created, linked
    assert f"Contact linked to {OWN_NAME}." in client.get(again.url).content.decode()

"""Closing and reopening a client's file (issue 21, point 6): a reason and an aftercare
plan, or nothing is saved; a closed file is closed once; reopening keeps the earlier
episode; the running counts follow; a purge leaves none of the text."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake import closing, counts, purge
from intake.choices import ClientStatus
from intake.models import Client, FileClosure, StabilityCheck, StaffCaseload
from referrals.models import ReleaseOfInformation
from tests.factories import ClientFactory, referral_records
from tests.html_forms import only_post_form
from tests.intake.test_counts import assert_counts_agree
from tests.intake.test_purge import _tables_containing

pytestmark = pytest.mark.django_db

CALL = "Hotline any hour; Dr. Okafor at the Wellspring clinic"
OPEN = "Court date in March for the order of protection"


def _close(client, person, **changes):
    """Post the closing form as a browser would, with `changes` typed in."""
    url = reverse("client_close", args=[person.pk])
    data = only_post_form(client.get(url)).data()
    data |= {"reason": "services_complete", "aftercare_contacts": CALL, "aftercare_open": OPEN}
    return client.post(url, data | changes)


def _reopen(client, person, reason="She called again: new court date"):
    return client.post(reverse("client_reopen", args=[person.pk]), {"reason": reason})


def _status(person) -> str:
    return Client.objects.values_list("status", flat=True).get(pk=person.pk)


def test_closing_without_a_reason_is_refused_and_saves_nothing(client, advocate, own_client):
    client.force_login(advocate)
    response = _close(client, own_client, reason="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert _status(own_client) == ClientStatus.ACTIVE
    assert not FileClosure.objects.exists()
    assert not FileClosure.history.exists()
    assert not StabilityCheck.objects.exists()


def test_an_aftercare_plan_is_needed_unless_the_client_died(client, advocate, own_client):
    client.force_login(advocate)
    response = _close(client, own_client, aftercare_contacts="   ")
    assert "Write the aftercare plan" in response.content.decode()
    assert _status(own_client) == ClientStatus.ACTIVE
    response = _close(client, own_client, reason="died", aftercare_contacts="", aftercare_open="")
    assert response.status_code == 302
    assert FileClosure.objects.get().reason == "died"
    assert _status(own_client) == ClientStatus.CLOSED


def test_other_needs_its_explanation(client, advocate, own_client):
    client.force_login(advocate)
    response = _close(client, own_client, reason="other", reason_other="")
    assert "Say why the file is closed." in response.content.decode()
    assert not FileClosure.objects.exists()


def test_a_transfer_needs_a_valid_release_first(client, advocate, own_client):
    client.force_login(advocate)
    response = _close(client, own_client, reason="transferred")
    assert "record their release of information" in response.content.decode()
    assert _status(own_client) == ClientStatus.ACTIVE and not FileClosure.objects.exists()
    release = referral_records(own_client, advocate)["release"]
    ReleaseOfInformation.objects.filter(pk=release.pk).update(
        given_on=timezone.localdate(), expires_on=timezone.localdate() + timedelta(days=90)
    )
    assert _close(client, own_client, reason="transferred").status_code == 302
    assert _status(own_client) == ClientStatus.CLOSED


def test_close_then_reopen_keeps_the_earlier_episode_on_the_client_page(
    client, advocate, own_client
):
    client.force_login(advocate)
    assert _close(client, own_client, stability_housing="vulnerable").status_code == 302
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "The file: closed" in page and CALL in page and "Reopen the file" in page

    confirm = client.get(reverse("client_reopen", args=[own_client.pk]))
    assert "Services complete" in confirm.content.decode()
    assert _status(own_client) == ClientStatus.CLOSED  # the GET changes nothing
    assert _reopen(client, own_client).status_code == 302
    assert _status(own_client) == ClientStatus.ACTIVE

    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "The file: open" in page
    assert page.count('class="list-group-item episode"') == 2
    assert CALL in page and OPEN in page and "She called again: new court date" in page
    closure = FileClosure.objects.get()
    assert (closure.reopened_by, closure.created_by) == (advocate, advocate)
    # Every change has its history row: the closure made and reopened, the status twice.
    assert [h.history_type for h in closure.history.order_by("history_id")] == ["+", "~"]
    reasons = own_client.history.order_by("history_id").values_list("history_change_reason")
    assert [r for (r,) in reasons][-2:] == ["File closed", "File reopened"]
    # The answers given at closing are a check of their own.
    check = StabilityCheck.objects.get()
    assert (check.point, check.housing, check.safety) == ("closing", "vulnerable", "not_asked")


def test_a_closed_file_is_not_closed_twice(client, advocate, supervisor, own_client):
    client.force_login(advocate)
    url = reverse("client_close", args=[own_client.pk])
    form = only_post_form(client.get(url)).data()  # a second person has the page open too
    assert _close(client, own_client).status_code == 302
    response = client.post(
        url, form | {"reason": "lost_contact", "aftercare_contacts": "x", "aftercare_open": "y"},
        follow=True,
    )  # fmt: skip
    assert "This file is already closed: nothing was saved." in response.content.decode()
    assert FileClosure.objects.get().reason == "services_complete"
    with pytest.raises(ValidationError):
        closing.close_file(
            client=own_client, closure=FileClosure(reason="died"), stability=None, by=supervisor
        )
    assert FileClosure.objects.count() == 1


def test_the_closing_is_corrected_on_the_same_page_while_closed(client, advocate, own_client):
    client.force_login(advocate)
    _close(client, own_client)
    url = reverse("client_close", args=[own_client.pk])
    data = only_post_form(client.get(url)).data()
    assert data["aftercare_contacts"] == CALL and data["version"]
    assert client.post(url, data | {"aftercare_open": "Nothing open"}).status_code == 302
    closure = FileClosure.objects.get()
    assert closure.aftercare_open == "Nothing open" and closure.reopened_at is None


def test_an_open_file_is_not_reopened(client, advocate, own_client):
    client.force_login(advocate)
    response = _reopen(client, own_client)
    assert response.status_code == 302
    follow = client.get(response.url).content.decode()
    assert "This file is open: there is nothing to reopen." in follow
    assert not FileClosure.objects.exists()


def test_the_client_form_neither_closes_nor_reopens(advocate, own_client):
    from intake.forms import ClientForm

    assert [c for c, _ in ClientForm(instance=own_client).fields["status"].choices] == [
        "active",
        "inactive",
    ]
    closing.close_file(
        client=own_client, closure=FileClosure(reason="died"), stability=None, by=advocate
    )
    own_client.refresh_from_db()
    assert [c for c, _ in ClientForm(instance=own_client).fields["status"].choices] == ["closed"]


def test_running_counts_by_status_and_caseloads_follow(advocate, supervisor):
    people = [ClientFactory(created_by=advocate) for _ in range(3)]
    files = dict.fromkeys(counts.FILES.values(), (counts.NO_DAY, counts.NO_DAY))
    for person in people[:2]:
        closing.close_file(
            client=person, closure=FileClosure(reason="died"), stability=None, by=advocate
        )
    assert counts.sums(files) == {"clients.active": 1, "clients.inactive": 0, "clients.closed": 2}
    assert StaffCaseload.objects.get(staff=advocate).clients == 1
    closing.reopen_file(client=people[0], reason="Back in touch", by=supervisor)
    assert counts.sums(files) == {"clients.active": 2, "clients.inactive": 0, "clients.closed": 1}
    assert StaffCaseload.objects.get(staff=advocate).clients == 2
    assert_counts_agree()


def test_a_file_closed_before_closings_were_recorded_reopens_with_one(advocate, own_client):
    Client.objects.filter(pk=own_client.pk).update(status=ClientStatus.CLOSED)
    own_client.refresh_from_db()
    closing.reopen_file(client=own_client, reason="Called again", by=advocate)
    closure = FileClosure.objects.get()
    assert (closure.reason, closure.reason_other) == ("other", closing.NOT_RECORDED)
    assert closure.reopen_reason == "Called again" and _status(own_client) == "active"


def test_a_purge_leaves_no_closing_aftercare_or_stability_text(
    client, advocate, supervisor, own_client
):
    client.force_login(advocate)
    _close(client, own_client, reason="other", reason_other="Moved in with her cousin Dalia")
    _reopen(client, own_client, reason="Trafficker found her at the shelter on Fifth")
    StabilityCheck.objects.create(
        client=own_client, created_by=advocate, housing="stable", note="Renting near Lakeview"
    )
    texts = [CALL, OPEN, "cousin Dalia", "shelter on Fifth", "near Lakeview"]
    assert all(_tables_containing(text) for text in texts)  # the search finds them
    purge.purge_client(client=own_client, by=supervisor, reason="client_request")
    assert {text: _tables_containing(text) for text in texts} == dict.fromkeys(texts, [])
    # The coded facts stay for the reports: why it closed, the answers on the scale.
    assert FileClosure.objects.get().reason == "other"
    assert StabilityCheck.objects.get().housing == "stable"


def test_a_purged_file_is_not_reopened(client, supervisor, own_client):
    purge.purge_client(client=own_client, by=supervisor, reason="client_request")
    client.force_login(supervisor)
    assert _reopen(client, own_client).status_code == 302
    assert _status(own_client) == ClientStatus.CLOSED and not FileClosure.objects.exists()


def test_an_unseen_clients_close_and_reopen_pages_are_404(client, advocate, other_client):
    client.force_login(advocate)
    for name in ("client_close", "client_reopen"):
        response = client.get(reverse(name, args=[other_client.pk]))
        assert response.status_code == 404
        assert other_client.pseudonym not in response.content.decode()
    assert client.post(reverse("client_close", args=[other_client.pk]), {}).status_code == 404
    assert _status(other_client) == ClientStatus.ACTIVE


def test_the_client_page_runs_a_fixed_number_of_queries(client, advocate, own_client):
    client.force_login(advocate)

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 200
        return len(queries)

    _close(client, own_client)
    _reopen(client, own_client)
    StabilityCheck.objects.create(client=own_client, created_by=advocate, safety="vulnerable")
    few = page_queries()  # each kind on the timeline's page is loaded in one query
    for n in range(closing.EPISODES_SHOWN):
        closing.close_file(
            client=own_client, closure=FileClosure(reason="died"), stability=None, by=advocate
        )
        closing.reopen_file(client=own_client, reason=f"Back {n}", by=advocate)
        StabilityCheck.objects.create(client=own_client, created_by=advocate, safety="stable")
    assert page_queries() == few
    page = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert page.count('class="list-group-item episode"') == closing.EPISODES_SHOWN + 1  # and now

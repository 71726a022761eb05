"""Meetings, their agenda and action items, and the overdue ones on the home page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ActionItem, AgendaItem, Charter, Meeting, Membership
from referrals.models import Agency


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(date=timezone.localdate(), place="Library")


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_meeting_records_attending_agencies(signed_in):
    agency = Agency.objects.create(name="Harbor Legal Aid")
    response = signed_in.post(
        reverse("meeting_create"),
        {"date": "2026-01-10", "place": "Library", "attending_agencies": [agency.pk]},
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("meeting_detail", args=[meeting.pk])
    assert list(meeting.attending_agencies.all()) == [agency]


def test_agenda_item_is_added_from_the_meeting_page(signed_in, meeting):
    response = signed_in.post(
        reverse("agenda_item_create", args=[meeting.pk]), {"agenda-topic": "cross_training"}
    )
    assert response.url == reverse("meeting_detail", args=[meeting.pk])
    assert AgendaItem.objects.get().meeting == meeting


def test_other_agenda_item_needs_a_description(signed_in, meeting):
    response = signed_in.post(
        reverse("agenda_item_create", args=[meeting.pk]), {"agenda-topic": "other"}
    )
    assert response.status_code == 200
    assert "Say what the item is about." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_invalid_action_item_shows_the_meeting_page_with_errors(signed_in, meeting):
    response = signed_in.post(
        reverse("action_item_create", args=[meeting.pk]), {"action-description": "Call the ER"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Library" in body and "This field is required." in body
    assert not ActionItem.objects.exists()


def test_agenda_item_is_post_only(signed_in, meeting):
    assert signed_in.get(reverse("agenda_item_create", args=[meeting.pk])).status_code == 405


def _action(meeting, days: int, done: bool = False) -> ActionItem:
    today = timezone.localdate()
    return ActionItem.objects.create(
        meeting=meeting,
        description=f"Task due in {days}",
        owner="Dana",
        due_on=today + timedelta(days=days),
        done_on=today if done else None,
    )


def test_open_past_due_action_items_show_on_the_coordinators_home(signed_in, meeting):
    _action(meeting, -3)
    _action(meeting, 5)
    _action(meeting, -9, done=True)
    body = signed_in.get(reverse("home")).content.decode()
    assert "Task due in -3" in body
    assert "Task due in 5" not in body and "Task due in -9" not in body


def test_overdue_action_items_do_not_show_on_an_advocates_home(client, advocate, meeting):
    _action(meeting, -3)
    client.force_login(advocate)
    assert "Task due in -3" not in client.get(reverse("home")).content.decode()


def test_marking_an_action_item_done_takes_it_off_the_home_page(signed_in, meeting):
    item = _action(meeting, -3)
    signed_in.post(
        reverse("action_item_edit", args=[item.pk]),
        {
            "action-description": item.description,
            "action-owner": item.owner,
            "action-due_on": item.due_on.isoformat(),
            "action-done_on": timezone.localdate().isoformat(),
        },
    )
    assert "Task due in -3" not in signed_in.get(reverse("home")).content.decode()


def test_home_page_with_many_overdue_items_runs_a_fixed_number_of_queries(
    signed_in, meeting, django_assert_max_num_queries
):
    # session, user, BEGIN, the overdue items (with meeting and agency), the agreements
    # due, the on-call roster (kinds, who is on call, own shifts), COMMIT, BEGIN, session
    # save, COMMIT
    for days in range(-40, -1):
        _action(meeting, days)
    with django_assert_max_num_queries(13):
        assert signed_in.get(reverse("home")).status_code == 200


def test_charter_is_one_row_edited_in_place(signed_in):
    for vision in ("First vision", "Second vision"):
        signed_in.post(reverse("charter"), {"vision": vision, "decision_process": "consensus"})
    assert Charter.objects.get().vision == "Second vision"


def test_an_agency_is_a_member_once(signed_in):
    agency = Agency.objects.create(name="Harbor Legal Aid")
    Membership.objects.create(agency=agency)
    response = signed_in.post(
        reverse("member_create"), {"agency": agency.pk, "member_since": "2026-01-01"}
    )
    assert response.status_code == 200
    assert Membership.objects.count() == 1


def test_a_member_cannot_leave_before_joining(signed_in):
    agency = Agency.objects.create(name="Harbor Legal Aid")
    response = signed_in.post(
        reverse("member_create"),
        {"agency": agency.pk, "member_since": "2026-01-01", "left_on": "2025-01-01"},
    )
    assert "leave before it joined" in response.content.decode()

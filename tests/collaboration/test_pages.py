"""Every collaboration page: who may open it, and a query count that does not grow."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import (
    ActionItem,
    AgendaItem,
    CrossTraining,
    CrossTrainingAttendance,
    Meeting,
    OutreachLog,
    PreventionSession,
    SelfAssessment,
)
from collaboration.sections import SECTIONS
from collaboration.services import cross_training_save
from referrals.models import Agency
from tests.factories import StaffFactory, collaboration_records

MANAGERS = {"supervisor", "coordinator"}
OUTREACH = MANAGERS | {"advocate"}  # outreach holds no client data; advocates do it too
SECTION_ROLES = {slug: OUTREACH if slug == "outreach" else MANAGERS for slug in SECTIONS}
ROLES = ["advocate", "advocate2", "trainee", "supervisor", "coordinator", "admin"]

# Pages without an id (those with one are in tests/test_access_matrix.py).
PAGES = {
    "collaboration": OUTREACH,
    "charter": MANAGERS,
    **{f"{slug}_list": roles for slug, roles in SECTION_ROLES.items()},
    **{f"{slug}_create": roles for slug, roles in SECTION_ROLES.items()},
}
ROLE_NAMES = {"advocate": {"advocate", "advocate2", "trainee"}}


def _allowed(roles: set) -> set[str]:
    return {u for r in roles for u in ROLE_NAMES.get(r, {r})}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("username", ROLES)
def test_only_the_named_roles_open_the_page(client, staff, name, username):
    client.force_login(staff[username])
    expected = 200 if username in _allowed(PAGES[name]) else 404
    assert client.get(reverse(name)).status_code == expected


def test_advocates_see_only_outreach_on_the_landing_page(client, advocate):
    client.force_login(advocate)
    body = client.get(reverse("collaboration")).content.decode()
    assert reverse("outreach_list") in body
    assert reverse("meeting_list") not in body and reverse("charter") not in body


@pytest.mark.parametrize(
    ("username", "shown"), [("coordinator", True), ("advocate", True), ("admin", False)]
)
def test_nav_links_the_landing_page_for_its_roles(client, staff, username, shown):
    client.force_login(staff[username])
    body = client.get(reverse("home")).content.decode()
    assert (f'href="{reverse("collaboration")}"' in body) == shown


def _grow(records: dict, coordinator, n: int) -> None:
    """n more rows of every kind, and of every sub-item of the first meeting and group."""
    meeting, group = records["meeting"], records["prevention"]
    today = timezone.localdate()
    staff = [StaffFactory() for _ in range(n)]
    for i in range(n):
        agency = Agency.objects.create(name=f"Agency {Agency.objects.count()}")
        other = Meeting.objects.create(date=today, place=f"Room {i}")
        other.attending_agencies.add(agency)
        meeting.attending_agencies.add(agency)
        AgendaItem.objects.create(meeting=meeting, topic="coordination")
        ActionItem.objects.create(
            meeting=meeting, description="Call", owner=f"P{i}", owner_agency=agency, due_on=today
        )
        OutreachLog.objects.create(
            date=today - timedelta(days=40 * i), location_type="street", created_by=coordinator
        )
        PreventionSession.objects.create(group=group, participants=i)
        SelfAssessment.objects.create(year=2000 + SelfAssessment.objects.count())
        cross_training_save(
            training=CrossTraining(topic="demand", hours=1, presenter=agency),
            attended=staff[: i + 1],
            by=coordinator,
        )
    assert CrossTrainingAttendance.objects.count() >= n


def _pages() -> list[str]:
    return [n for n in PAGES if n != "collaboration"] + ["collaboration"]


# Each page: session, user, BEGIN ... COMMIT around the view, then BEGIN, session save,
# COMMIT (7), plus its own: a list page counts and loads one page of rows (and its
# summary); a form page loads the record and one list per choice of agency or staff;
# a meeting page loads the meeting, its agencies, agenda, actions and the agency choices.
CEILING = 8 + 6


@pytest.mark.parametrize("name", _pages())
def test_pages_without_an_id_run_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries, name
):
    client.force_login(coordinator)
    records = collaboration_records(coordinator)
    _grow(records, coordinator, 1)
    with django_assert_max_num_queries(CEILING) as small:
        assert client.get(reverse(name)).status_code == 200
    _grow(records, coordinator, 12)
    with django_assert_max_num_queries(CEILING) as large:
        assert client.get(reverse(name)).status_code == 200
    assert len(small) == len(large)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("meeting_detail", "meeting"),
        ("prevention_detail", "prevention"),
        *[(f"{slug}_edit", slug) for slug in SECTIONS],
        ("action_item_edit", "action_item"),
    ],
)
def test_pages_with_an_id_run_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries, name, slug
):
    client.force_login(coordinator)
    records = collaboration_records(coordinator)
    url = reverse(name, args=[records[slug].pk])
    with django_assert_max_num_queries(CEILING) as small:
        assert client.get(url).status_code == 200
    _grow(records, coordinator, 12)
    with django_assert_max_num_queries(CEILING) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


def test_the_home_panel_shows_twenty_overdue_action_items_then_says_more(client, staff):
    meeting = Meeting.objects.create(date=timezone.localdate(), place="Library")
    overdue = timezone.localdate() - timedelta(days=2)
    ActionItem.objects.bulk_create(
        ActionItem(meeting=meeting, description=f"Task {n}", owner="Dana", due_on=overdue)
        for n in range(21)
    )
    client.force_login(staff["coordinator"])
    body = client.get(reverse("home")).content.decode()
    assert body.count('">Task ') == 20  # not the client panel's ten
    assert "More are past due" in body

"""The on-call roster (crisis_center/roster.py): who may take a crisis shift, uncovered
hours at shift boundaries and across the clock changes, swaps, the home panel, the
printable month and the volunteer-hours report.

Local times are the center's (settings.TIME_ZONE, America/Chicago): the clocks go back
at 2:00 on November 1, 2026 and forward at 2:00 on March 8, 2026.
"""

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import LegalAdvocacy
from crisis_center import roster
from crisis_center.models import Shift, ShiftKind, SwapRequest, TrainingRecord
from crisis_center.reports import Period
from crisis_center.roles import Role
from tests.conftest import OWN_NAME
from tests.factories import StaffFactory, TrainingRecordFactory

CHICAGO = ZoneInfo("America/Chicago")


def at(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO)


def wall(moment: datetime) -> tuple:
    local = timezone.localtime(moment, CHICAGO)
    return (local.month, local.day, local.hour, local.minute)


# The gap finder: a pure function ------------------------------------------------------


def test_touching_shifts_leave_no_gap_and_a_minute_between_is_one():
    day = [(at(2026, 12, 7, 6), at(2026, 12, 7, 14)), (at(2026, 12, 7, 14), at(2026, 12, 7, 22))]
    assert roster.uncovered(day, at(2026, 12, 7, 6), at(2026, 12, 7, 22)) == []

    apart = [(at(2026, 12, 7, 6), at(2026, 12, 7, 14)), (at(2026, 12, 7, 14, 1), at(2026, 12, 8))]
    (gap,) = roster.uncovered(apart, at(2026, 12, 7, 6), at(2026, 12, 8))
    assert (wall(gap[0]), wall(gap[1])) == ((12, 7, 14, 0), (12, 7, 14, 1))


def test_gaps_at_the_window_edges_and_inside_overlapping_shifts():
    shifts = [
        (at(2026, 12, 7, 8), at(2026, 12, 7, 16)),
        (at(2026, 12, 7, 10), at(2026, 12, 7, 12)),  # inside the first
        (at(2026, 12, 7, 15), at(2026, 12, 7, 20)),  # overlaps the first
    ]
    gaps = roster.uncovered(shifts, at(2026, 12, 7), at(2026, 12, 8))
    assert [(wall(s), wall(e)) for s, e in gaps] == [
        ((12, 7, 0, 0), (12, 7, 8, 0)),
        ((12, 7, 20, 0), (12, 8, 0, 0)),
    ]
    assert roster.uncovered([], at(2026, 12, 7), at(2026, 12, 8)) == [
        (at(2026, 12, 7).astimezone(UTC), at(2026, 12, 8).astimezone(UTC))
    ]


def test_the_night_the_clocks_go_back_is_nine_hours_and_its_gap_is_in_wall_time():
    night = Shift(starts_at=at(2026, 10, 31, 22), ends_at=at(2026, 11, 1, 6))
    assert night.hours == 9
    # Nobody from 22:00 to 06:00 between two day shifts: a 9-hour gap, shown 22:00-06:00.
    days = [(at(2026, 10, 31, 14), at(2026, 10, 31, 22)), (at(2026, 11, 1, 6), at(2026, 11, 1, 14))]
    (gap,) = roster.uncovered(days, at(2026, 10, 31, 14), at(2026, 11, 1, 14))
    assert (wall(gap[0]), wall(gap[1])) == ((10, 31, 22, 0), (11, 1, 6, 0))
    assert gap[1] - gap[0] == timedelta(hours=9)
    with timezone.override(CHICAGO):
        kind = ShiftKind(name="Hotline")
        assert roster.Gap(kind, *gap).hours == "9"
        assert roster.Gap(kind, *gap).local == "Sat Oct 31 22:00 to Sun Nov 1 06:00"


def test_a_gap_of_a_part_hour_reads_as_two_decimals_not_a_float_s_digits():
    start = at(2026, 12, 4, 3, 26)
    gap = roster.Gap(ShiftKind(name="Hotline"), start, start + timedelta(minutes=356 * 60 + 34))
    assert gap.hours == "356.57"


def test_the_night_the_clocks_go_forward_is_seven_hours():
    night = Shift(starts_at=at(2026, 3, 7, 22), ends_at=at(2026, 3, 8, 6))
    assert night.hours == 7
    shifts = [(at(2026, 3, 7, 14), at(2026, 3, 7, 22)), (at(2026, 3, 8, 4), at(2026, 3, 8, 14))]
    (gap,) = roster.uncovered(shifts, at(2026, 3, 7, 14), at(2026, 3, 8, 14))
    # 22:00 to 04:00 on the wall is 5 hours: 02:00 to 03:00 never happened.
    assert (wall(gap[0]), wall(gap[1])) == ((3, 7, 22, 0), (3, 8, 4, 0))
    assert gap[1] - gap[0] == timedelta(hours=5)


# Who may take a shift ------------------------------------------------------------------


@pytest.fixture
def hotline(db):
    return ShiftKind.objects.get(name="Hotline")


@pytest.fixture
def volunteer(db):
    """A volunteer with 12 of the 40 hours."""
    person = StaffFactory(
        username="vol", first_name="Vic", last_name="Ray", role=Role.ADVOCATE, is_volunteer=True
    )
    TrainingRecordFactory(staff=person, hours=12)
    return person


def _post(start: datetime, end: datetime, kind, staff) -> dict:
    local = "%Y-%m-%dT%H:%M"
    return {
        "kind": kind.pk,
        "staff": staff.pk,
        "starts_at": timezone.localtime(start).strftime(local),
        "ends_at": timezone.localtime(end).strftime(local),
    }


def test_an_uncertified_volunteer_cannot_be_put_on_a_hotline_shift(
    client, supervisor, advocate, volunteer, hotline
):
    client.force_login(supervisor)
    page = client.get(reverse("shift_create"))
    offered = page.content.decode()
    assert str(advocate) in offered and "Vic Ray" not in offered  # not even offered

    # A forged post names them anyway: refused, with why, and nothing saved.
    start = timezone.now() + timedelta(days=1)
    response = client.post(
        reverse("shift_create"), _post(start, start + timedelta(hours=8), hotline, volunteer)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["staff"] == [
        "Vic Ray has 12 of the 40 hours of crisis intervention training on record; only "
        "certified staff can take a hotline shift."
    ]
    assert not Shift.objects.exists()


def test_a_shift_must_end_after_it_starts_and_not_overlap_the_same_persons(
    client, supervisor, advocate, hotline
):
    client.force_login(supervisor)
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
    url = reverse("shift_create")
    backwards = client.post(url, _post(start, start, hotline, advocate))
    assert backwards.context["form"].errors["ends_at"] == ["The shift must end after it starts."]

    assert (
        client.post(url, _post(start, start + timedelta(hours=8), hotline, advocate)).status_code
        == 302
    )
    callout = ShiftKind.objects.get(name="Hospital and police call-out")
    later = start + timedelta(hours=7, minutes=59)
    clash = client.post(url, _post(later, later + timedelta(hours=4), callout, advocate))
    assert "is already on hotline" in clash.context["form"].errors["staff"][0]
    # Touching is not overlapping: the next shift may start when this one ends.
    touching = start + timedelta(hours=8)
    assert (
        client.post(
            url, _post(touching, touching + timedelta(hours=4), callout, advocate)
        ).status_code
        == 302
    )
    assert Shift.objects.count() == 2
    assert Shift.history.count() == 2


def test_repeating_a_shift_adds_every_day_or_none(client, supervisor, advocate, hotline):
    first = at(2026, 12, 7, 22)
    shift = Shift.objects.create(
        kind=hotline, staff=advocate, starts_at=first, ends_at=first + timedelta(hours=8),
        created_by=supervisor,
    )  # fmt: skip
    busy = Shift.objects.create(
        kind=hotline, staff=advocate, starts_at=at(2026, 12, 11, 23), ends_at=at(2026, 12, 12, 1),
        created_by=supervisor,
    )  # fmt: skip
    client.force_login(supervisor)
    url = reverse("shift_repeat", args=[shift.pk])
    refused = client.post(url, {"days": 6})
    assert (
        "Fri Dec 11" in refused.content.decode() and "Nothing was added" in refused.content.decode()
    )
    assert Shift.objects.count() == 2

    busy.delete()
    assert client.post(url, {"days": 6}).status_code == 302
    starts = [wall(s) for s in Shift.objects.values_list("starts_at", flat=True)]
    assert starts == [(12, d, 22, 0) for d in range(7, 14)]


# Swaps ---------------------------------------------------------------------------------


@pytest.fixture
def tomorrow(advocate, supervisor, hotline):
    start = timezone.now() + timedelta(days=1)
    return Shift.objects.create(
        kind=hotline, staff=advocate, starts_at=start, ends_at=start + timedelta(hours=8),
        created_by=supervisor,
    )  # fmt: skip


def test_a_swap_approved_hands_the_shift_on(client, advocate, advocate2, supervisor, tomorrow):
    client.force_login(advocate)
    client.post(reverse("swap_create", args=[tomorrow.pk]), {"to": advocate2.pk})
    asked = SwapRequest.objects.get()
    client.force_login(supervisor)
    assert "1 swap request waiting" in client.get(reverse("home")).content.decode()
    client.post(reverse("swap_approve", args=[asked.pk]))
    tomorrow.refresh_from_db()
    asked.refresh_from_db()
    assert tomorrow.staff == advocate2
    assert (asked.status, asked.decided_by) == ("approved", supervisor)


def test_approval_checks_the_takers_training_again(
    client, advocate, advocate2, supervisor, tomorrow
):
    """The taker's training record was withdrawn after the swap was asked for."""
    asked = roster.swap_ask(shift=tomorrow, by=advocate, to=advocate2)
    TrainingRecord.objects.filter(staff=advocate2).delete()
    client.force_login(supervisor)
    response = client.post(reverse("swap_approve", args=[asked.pk]), follow=True)
    assert "has 0 of the 40 hours" in response.content.decode()
    tomorrow.refresh_from_db()
    asked.refresh_from_db()
    assert (tomorrow.staff, asked.status) == (advocate, "pending")


def test_an_open_offer_is_taken_by_someone_eligible_only(
    client, advocate, advocate2, trainee, supervisor, tomorrow
):
    asked = roster.swap_ask(shift=tomorrow, by=advocate, to=None)
    client.force_login(trainee)
    refused = client.post(reverse("swap_take", args=[asked.pk]), follow=True)
    assert "only certified staff can take a hotline shift" in refused.content.decode()
    client.force_login(advocate2)
    client.post(reverse("swap_take", args=[asked.pk]))
    asked.refresh_from_db()
    assert asked.offered_to == advocate2
    # Someone else's shift is not theirs to offer.
    assert client.get(reverse("swap_create", args=[tomorrow.pk])).status_code == 404


# Pages: the home panel, the month, no client data ------------------------------------


def _fill(kind, people, supervisor, n: int, start: datetime) -> None:
    Shift.objects.bulk_create(
        Shift(
            kind=kind, staff=people[i % len(people)], created_by=supervisor,
            starts_at=start + timedelta(hours=2 * i), ends_at=start + timedelta(hours=2 * i + 2),
        )
        for i in range(n)
    )  # fmt: skip


def test_home_shows_who_is_on_call_and_the_supervisor_the_gaps(
    client, advocate, advocate2, supervisor, hotline
):
    now = timezone.now()
    Shift.objects.create(
        kind=hotline, staff=advocate, starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2), created_by=supervisor,
    )  # fmt: skip
    Shift.objects.create(
        kind=hotline, staff=advocate2, starts_at=now + timedelta(hours=3),
        ends_at=now + timedelta(hours=9), created_by=supervisor,
    )  # fmt: skip
    client.force_login(advocate2)
    body = client.get(reverse("home")).content.decode()
    assert f"{advocate} until" in body and f"{advocate2} from" in body
    assert "Your next shifts" in body and "Uncovered" not in body

    client.force_login(supervisor)
    (panel,) = [
        p.context for p in client.get(reverse("home")).context["panels"] if "roster" in p.template
    ]
    gaps = {kind.name: shown for kind, shown, _total in panel["gaps"]}
    first = gaps["Hotline"][0]  # between the shift on now and the next one
    assert (first.starts_at, first.ends_at) == (now + timedelta(hours=2), now + timedelta(hours=3))
    assert "1 h" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("page", ["home", "roster_week", "roster_month"])
def test_roster_pages_run_as_many_queries_for_300_shifts_as_for_3(
    client, supervisor, advocate, advocate2, hotline, page, django_assert_max_num_queries
):
    today = timezone.localdate()
    url = (
        reverse("roster_month", args=[today.year, today.month])
        if page == "roster_month"
        else reverse(page)
    )
    start = roster.local(today.replace(day=1))
    client.force_login(supervisor)
    _fill(hotline, [advocate, advocate2], supervisor, 3, start)
    client.get(url)  # warm the session and content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Shift.objects.all().delete()
    _fill(hotline, [advocate, advocate2], supervisor, 300, start)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_month_is_printable_and_names_no_client(
    client, supervisor, advocate, hotline, own_client
):
    Shift.objects.create(
        kind=hotline, staff=advocate, starts_at=at(2026, 12, 24, 22), ends_at=at(2026, 12, 25, 6),
        created_by=supervisor,
    )  # fmt: skip
    client.force_login(advocate)
    body = client.get(reverse("roster_month", args=[2026, 12])).content.decode()
    assert f"22:00–06:00</span> Hotline: {advocate}</li>" in body
    assert OWN_NAME not in body
    assert "<script>" not in body and "style=" not in body
    assert client.get(reverse("roster_month", args=[2026, 13])).status_code == 404


def test_shifts_for_one_person_or_everyone_in_one_query(
    advocate, advocate2, supervisor, hotline, django_assert_num_queries
):
    _fill(hotline, [advocate, advocate2], supervisor, 6, at(2026, 12, 7))
    with django_assert_num_queries(1):
        mine = [
            (s.kind.name, s.staff.username)
            for s in roster.shifts_for(advocate, at(2026, 12, 7, 1), at(2026, 12, 7, 7))
        ]
    assert mine == [("Hotline", "advocate"), ("Hotline", "advocate")]
    assert roster.shifts_for(None, at(2026, 12, 7, 2), at(2026, 12, 7, 4)).count() == 1


# Volunteer hours -------------------------------------------------------------------------


def test_volunteer_hours_clip_shifts_to_the_period_and_add_service_time(
    client, supervisor, coordinator, advocate, own_client, hotline
):
    """FY 2026 Q2 runs Jan 1 to Mar 31, 2026: a night shift from Dec 31 22:00 counts its
    6 hours after midnight; a legal advocacy the volunteer gave counts its 45 minutes."""
    vera = StaffFactory(
        username="vera", first_name="Vera", last_name="Lind", certified=True, is_volunteer=True
    )
    Shift.objects.create(
        kind=hotline, staff=vera, starts_at=at(2025, 12, 31, 22), ends_at=at(2026, 1, 1, 6),
        created_by=supervisor,
    )  # fmt: skip
    Shift.objects.create(
        kind=hotline, staff=vera, starts_at=at(2026, 2, 1, 8), ends_at=at(2026, 2, 1, 16),
        created_by=supervisor,
    )  # fmt: skip
    Shift.objects.create(  # paid staff: not in a volunteer report
        kind=hotline, staff=advocate, starts_at=at(2026, 2, 2, 8), ends_at=at(2026, 2, 2, 16),
        created_by=supervisor,
    )  # fmt: skip
    LegalAdvocacy.objects.create(
        client=own_client, created_by=advocate, given_by=vera, occurred_at=at(2026, 3, 3, 10),
        duration_minutes=45,
    )  # fmt: skip
    rows = roster.volunteer_table(roster.volunteer_hours(Period(2026, 2)))
    assert rows == [
        ["Volunteer", "Shifts", "Shift hours", "Direct service hours"],
        ["Vera Lind", 2, "14", "0.75"],
        ["Total", 2, "14", "0.75"],
    ]
    client.force_login(coordinator)
    response = client.get(
        reverse("volunteer_hours"), {"fiscal_year": 2026, "quarter": 2, "format": "csv"}
    )
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        [str(c) for c in row] for row in rows
    ]
    assert OWN_NAME not in response.content.decode()
    client.force_login(advocate)
    assert client.get(reverse("volunteer_hours")).status_code == 404


def test_with_nobody_on_call_the_next_is_the_earliest_to_start(
    advocate, advocate2, supervisor, hotline
):
    now = timezone.now()
    for person, hours in ((advocate2, 5), (advocate, 3), (advocate2, 12)):
        Shift.objects.create(
            kind=hotline, staff=person, starts_at=now + timedelta(hours=hours),
            ends_at=now + timedelta(hours=hours + 1), created_by=supervisor,
        )  # fmt: skip
    callout = ShiftKind.objects.get(name="Hospital and police call-out")
    rows = {row.kind.name: (row.now, row.next) for row in roster.on_call([callout, hotline])}
    assert rows["Hotline"][0] == [] and [s.staff for s in rows["Hotline"][1]] == [advocate]
    assert rows["Hospital and police call-out"] == ([], [])


def test_saving_a_shift_runs_a_fixed_number_of_queries(
    client, supervisor, advocate, hotline, django_assert_max_num_queries
):
    """session, user, savepoint; the form's kinds and the chosen one, the chosen person
    with their training, both checked to exist (the model's fields), the person's other
    shifts then, the end-after-start constraint (in a savepoint: 3); the shift and its
    history row, release; the session's save (3). No query for the staff select: it is
    read only when the form is drawn."""
    client.force_login(supervisor)
    start = timezone.now() + timedelta(days=3)
    client.get(reverse("home"))
    with django_assert_max_num_queries(18):
        response = client.post(
            reverse("shift_create"), _post(start, start + timedelta(hours=8), hotline, advocate)
        )
    assert response.status_code == 302 and Shift.objects.get().staff == advocate


def test_a_kind_of_shift_named_again_in_other_case_is_refused(client, supervisor, hotline):
    client.force_login(supervisor)
    data = {"name": " hotline ", "crisis": "on", "around_the_clock": "on", "active": "on"}
    response = client.post(reverse("shift_kind_create"), data)
    assert response.status_code == 200
    assert "There is already a kind of shift with this name." in response.content.decode()
    assert ShiftKind.objects.filter(name__iexact="hotline").count() == 1
    # Its own name, recased, is fine on its edit page.
    edit = client.post(reverse("shift_kind_edit", args=[hotline.pk]), {**data, "name": "HOTLINE"})
    assert edit.status_code == 302
    hotline.refresh_from_db()
    assert hotline.name == "HOTLINE"

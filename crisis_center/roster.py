"""The on-call roster: who may take a shift, uncovered hours, who is on call, swaps, and
volunteer hours.

Times are instants (aware datetimes, UTC in the database) and shown in the center's
TIME_ZONE. Arithmetic on them is done in UTC: Python subtracts and compares two aware
datetimes of the same zone by their wall clocks, which makes the night the clocks go
back 8 hours instead of 9. Days, weeks and months are the center's local ones.

No client data anywhere here: kinds, times and staff names.
"""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import DenseRank
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from crisis_center import permissions, service_hours
from crisis_center.models import Shift, ShiftKind, SwapRequest, User
from crisis_center.panels import Panel
from crisis_center.roles import CRISIS_INTERVENTION_HOURS, format_hours, is_care_role

COVERAGE_DAYS = 14  # the supervisor's home page looks this far ahead
GAPS_SHOWN = 8  # per kind, on the home page; the week pages show the rest
MINE_SHOWN = 5  # a person's own next shifts, on their home page
REPEAT_DAYS = 14  # at most, when a shift is repeated daily


def local(day: date, at: time = time()) -> datetime:
    """A wall-clock time of a day in the center's zone, as an aware datetime."""
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def exists_locally(moment: datetime) -> bool:
    """Whether a local wall time is a real, single moment: not skipped when the clocks go
    forward, not twice when they go back."""
    zone = timezone.get_current_timezone()
    naive = moment.replace(tzinfo=None)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    return first == second


# --- Who may take a shift -------------------------------------------------------------


def eligible_staff(kind: ShiftKind | None) -> QuerySet:
    """The staff a shift of `kind` may be given to: active accounts with a role, not held;
    for a crisis kind, advocates and supervisors with the 40 hours (DESIGN.md rule 3:
    the hotline and the call-out are crisis intervention). Volunteers alike."""
    if kind is None or kind.crisis:
        return User.objects.giving_services().filter(offered=True)
    return (
        User.objects.filter(is_active=True, access_held=False)
        .exclude(role="")
        .with_training_hours()
    )


def refusal(staff: User, kind: ShiftKind) -> str | None:
    """Why `staff` may not take a shift of `kind`, or None if they may."""
    said = {"staff": staff, "kind": kind.name.lower()}
    if not staff.is_active:
        return _("%(staff)s has no active account.") % said
    if staff.access_held:
        return _("%(staff)s's new password waits for a supervisor's confirmation.") % said
    if not staff.role:
        return _("%(staff)s has no role; only staff with a role can take a %(kind)s shift.") % said
    if not kind.crisis:
        return None
    if not is_care_role(staff.role):
        role = staff.get_role_display().lower()
        return _(
            "%(staff)s is a %(role)s; only advocates and supervisors can take a %(kind)s shift."
        ) % {**said, "role": role}
    if not staff.is_certified:
        return _(
            "%(staff)s has %(hours)s of the %(needed)s hours of crisis intervention "
            "training on record; only certified staff can take a %(kind)s shift."
        ) % {
            **said,
            "hours": format_hours(staff.training.crisis),
            "needed": format_hours(CRISIS_INTERVENTION_HOURS),
        }
    return None


def clash(shift: Shift) -> Shift | None:
    """Another shift of the same person that shares a moment with this one."""
    return (
        Shift.objects.filter(staff_id=shift.staff_id)
        .overlapping(shift.starts_at, shift.ends_at)
        .exclude(pk=shift.pk)
        .select_related("kind")
        .first()
    )


def span(start: datetime, end: datetime) -> str:
    """A local time range, the day given once when both ends are on it."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        return f"{start:%a %b %-d}, {start:%H:%M} to {end:%H:%M}"
    return f"{start:%a %b %-d %H:%M} to {end:%a %b %-d %H:%M}"


def check(shift: Shift) -> None:
    """The rules every shift keeps, however it is saved (the form, a repeat, a swap):
    it ends after it starts, its person may take its kind, and is not on another shift
    at the same time. Raises ValidationError on the fields concerned."""
    if shift.starts_at and shift.ends_at and shift.ends_at <= shift.starts_at:
        raise ValidationError({"ends_at": _("The shift must end after it starts.")})
    if not (shift.kind_id and shift.staff_id and shift.starts_at and shift.ends_at):
        return
    why = refusal(shift.staff, shift.kind)
    if why:
        raise ValidationError({"staff": why})
    other = clash(shift)
    if other:
        raise ValidationError(
            {
                "staff": _("%(staff)s is already on %(kind)s %(span)s: one shift at a time.")
                % {
                    "staff": shift.staff,
                    "kind": other.kind.name.lower(),
                    "span": span(other.starts_at, other.ends_at),
                }
            }
        )


def shift_save(*, shift: Shift, by: User, checked: bool = False) -> Shift:
    """Save a shift that keeps the rules (`check`); `checked` when a form that validated
    has just checked them (ModelForm runs the model's full_clean)."""
    if not checked:
        shift.full_clean()
    if shift._state.adding:
        shift.created_by = by
    shift.save()
    return shift


def repeat_daily(*, shift: Shift, days: int, by: User) -> list[Shift]:
    """The same shift, same local hours and same person, on each of the next `days`
    days: all saved, or none (the first refusal names the day)."""
    start, end = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    made = []
    with transaction.atomic():
        for n in range(1, days + 1):
            starts = local(start.date() + timedelta(days=n), start.time())
            ends = local(end.date() + timedelta(days=n), end.time())
            copy = Shift(kind=shift.kind, staff=shift.staff, starts_at=starts, ends_at=ends)
            day = f"{starts:%a %b %-d}"
            if not (exists_locally(starts) and exists_locally(ends)):
                raise ValidationError(
                    _(
                        "%(day)s: the clocks change during these hours; add that day's shift "
                        "on its own. Nothing was added."
                    )
                    % {"day": day}
                )
            try:
                shift_save(shift=copy, by=by)
            except ValidationError as error:
                why = " ".join(error.messages)
                raise ValidationError(
                    _("%(day)s: %(why)s Nothing was added.") % {"day": day, "why": why}
                ) from None
            made.append(copy)
    return made


# --- Shifts in a time range -----------------------------------------------------------


def shifts_for(user: User | None, start: datetime, end: datetime) -> QuerySet:
    """The shifts sharing a moment with [start, end), of `user` (None: everyone's), with
    their kind and staff member: one query (the calendar's week view reads these)."""
    shifts = Shift.objects.overlapping(start, end).select_related("kind", "staff")
    if user is not None:
        shifts = shifts.filter(staff=user)
    return shifts.order_by("starts_at", "kind__name", "pk")


def week_of(day: date) -> tuple[date, list[date]]:
    monday = day - timedelta(days=day.weekday())
    return monday, [monday + timedelta(days=n) for n in range(7)]


@dataclass
class Day:
    day: date
    shifts: list[Shift] = field(default_factory=list)
    in_month: bool = True


def by_day(shifts: Iterable[Shift], days: list[date]) -> list[Day]:
    """Each shift under the local day it starts on (one that started the day before the
    first is on the page before)."""
    rows = {d: Day(d) for d in days}
    for shift in shifts:
        starts = timezone.localtime(shift.starts_at).date()
        if starts in rows:
            rows[starts].shifts.append(shift)
    return list(rows.values())


def month_weeks(year: int, month: int) -> tuple[list[list[Day]], datetime, datetime]:
    """The month as weeks of days (Monday first, with the neighbouring months' days
    blank) and its local bounds."""
    grid = calendar.Calendar().monthdatescalendar(year, month)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    start, end = local(first), local(last + timedelta(days=1))
    days = [d for week in grid for d in week if d.month == month]
    placed = {d.day: d for d in by_day(shifts_for(None, start, end), days)}
    weeks = [[placed.get(d) or Day(d, in_month=False) for d in week] for week in grid]
    return weeks, start, end


# --- Uncovered hours ------------------------------------------------------------------


def uncovered(
    intervals: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The parts of [start, end) that no interval covers, in order, as UTC datetimes.

    Pure: intervals are (start, end) pairs of aware datetimes, in any order and any
    zone, overlapping or not. Touching intervals leave no gap; a gap of a minute is a
    gap. Compared as instants (in UTC), so a day the clocks change is as long as it is.
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    spans = sorted((s.astimezone(UTC), e.astimezone(UTC)) for s, e in intervals)
    gaps = []
    covered_to = start
    for s, e in spans:
        if covered_to >= end:
            break
        if s > covered_to:
            gaps.append((covered_to, min(s, end)))
        covered_to = max(covered_to, e)
    if covered_to < end:
        gaps.append((covered_to, end))
    return gaps


@dataclass(frozen=True)
class Gap:
    kind: ShiftKind
    starts_at: datetime
    ends_at: datetime

    @property
    def hours(self) -> str:
        return format_hours(round((self.ends_at - self.starts_at).total_seconds() / 3600, 2))

    @property
    def local(self) -> str:
        return span(self.starts_at, self.ends_at)


def around_the_clock() -> list[ShiftKind]:
    return list(ShiftKind.objects.filter(active=True, around_the_clock=True))


def gaps_in(kinds: list[ShiftKind], start: datetime, end: datetime) -> dict[int, list[Gap]]:
    """Uncovered time of each kind in [start, end): one query, whatever the number of
    shifts."""
    spans: dict[int, list] = defaultdict(list)
    rows = Shift.objects.filter(kind__in=kinds).overlapping(start, end)
    for kind_id, starts, ends in rows.values_list("kind_id", "starts_at", "ends_at"):
        spans[kind_id].append((starts, ends))
    return {
        kind.pk: [Gap(kind, s, e) for s, e in uncovered(spans[kind.pk], start, end)]
        for kind in kinds
    }


def gaps_ahead(kinds: list[ShiftKind], *, days: int = COVERAGE_DAYS) -> dict[int, list[Gap]]:
    """From now to the end of the `days`th local day after today."""
    end = local(timezone.localdate() + timedelta(days=days + 1))
    return gaps_in(kinds, timezone.now(), end)


# --- On call now, and next ------------------------------------------------------------


@dataclass
class OnCall:
    kind: ShiftKind
    now: list[Shift]
    next: list[Shift]


def on_call(kinds: list[ShiftKind]) -> list[OnCall]:
    """Who is on each kind now, and the next shift to start: one query whatever the
    number of shifts. Per kind, the shifts not yet over are ranked by when they start,
    every shift under way counting as starting now: rank 1 is who is on call now (or,
    with nobody on, the next), rank 2 the next (ties shown together)."""
    if not kinds:
        return []
    moment = timezone.now()
    begins = Case(When(starts_at__lte=moment, then=Value(moment)), default=F("starts_at"))
    shifts = (
        Shift.objects.filter(kind__in=kinds, ends_at__gt=moment)
        .annotate(place=Window(DenseRank(), partition_by=[F("kind_id")], order_by=begins.asc()))
        .filter(place__lte=2)
        .select_related("staff")
        .order_by("kind_id", "place", "starts_at", "pk")
    )
    now, coming = defaultdict(list), defaultdict(list)
    for shift in shifts[:100]:
        under_way = shift.starts_at <= moment
        if under_way:
            now[shift.kind_id].append(shift)
        elif shift.place == 1 or now[shift.kind_id]:
            coming[shift.kind_id].append(shift)
    return [OnCall(kind, now[kind.pk], coming[kind.pk]) for kind in kinds]


# --- The home page ---------------------------------------------------------------------


def home_panel(request) -> Panel | None:
    """On every home page: who is on call now and next for each around-the-clock kind,
    and the person's own next shifts; for supervisors, the uncovered hours of the next
    14 days and how many swaps wait (the asker sees theirs on the swaps page). Three
    queries, five for a supervisor, whatever the number of shifts."""
    user = request.user
    if not permissions.can(user, "see_roster"):
        return None
    keeps = permissions.can(user, "keep_roster")
    kinds = around_the_clock()
    soon = timezone.now() + timedelta(days=COVERAGE_DAYS)
    context = {
        "on_call": on_call(kinds),
        "mine": list(shifts_for(user, timezone.now(), soon)[:MINE_SHOWN]),
        "keeps": keeps,
    }
    if keeps:
        context["swaps"] = SwapRequest.objects.pending().count()
        gaps = gaps_ahead(kinds)
        context["gaps"] = [(kind, gaps[kind.pk][:GAPS_SHOWN], len(gaps[kind.pk])) for kind in kinds]
        context["coverage_days"] = COVERAGE_DAYS
    return Panel("roster/panel.html", context)


# --- Swaps ----------------------------------------------------------------------------


def swap_ask(*, shift: Shift, by: User, to: User | None) -> SwapRequest:
    """The person on a shift asks to hand it to `to` (None: anyone eligible)."""
    if shift.staff_id != by.pk:
        raise ValidationError(_("Only the person on a shift can ask to swap it."))
    if shift.ends_at <= timezone.now():
        raise ValidationError(_("This shift is over."))
    if to is not None:
        _may_take(shift, to)
    asked = SwapRequest(shift=shift, requested_by=by, offered_to=to)
    asked.full_clean()
    asked.save()
    return asked


def _may_take(shift: Shift, taker: User) -> None:
    if taker.pk == shift.staff_id:
        raise ValidationError(_("%(taker)s is already on this shift.") % {"taker": taker})
    moved = Shift(
        pk=shift.pk, kind=shift.kind, staff=taker, starts_at=shift.starts_at, ends_at=shift.ends_at
    )
    try:
        check(moved)
    except ValidationError as error:
        raise ValidationError(error.messages) from None


def swap_take(*, asked: SwapRequest, by: User) -> None:
    """Someone eligible says they will take a shift offered to anyone."""
    if asked.status != SwapRequest.Status.PENDING or asked.offered_to_id is not None:
        raise ValidationError(_("This shift is no longer offered to anyone."))
    _may_take(asked.shift, by)
    asked.offered_to = by
    asked.save()


def swap_decide(*, asked: SwapRequest, approve: bool, by: User) -> None:
    """A supervisor approves (the shift changes hands) or refuses. Approval checks again,
    in one transaction with the shift locked, that the request still waits, the shift is
    still the asker's, and the taker may take it now: certified, not on another shift."""
    with transaction.atomic():
        asked = (
            SwapRequest.objects.select_for_update(of=("self",))
            .select_related("offered_to")
            .get(pk=asked.pk)
        )
        shift = Shift.objects.select_for_update().select_related("kind").get(pk=asked.shift_id)
        if asked.status != SwapRequest.Status.PENDING:
            raise ValidationError(_("This swap was already decided."))
        if approve:
            if asked.offered_to is None:
                raise ValidationError(_("Nobody has said they will take this shift yet."))
            if shift.staff_id != asked.requested_by_id:
                raise ValidationError(_("The shift is no longer the asker's."))
            taker = User.objects.with_training_hours().get(pk=asked.offered_to_id)
            _may_take(shift, taker)
            shift.staff = taker
            shift.save()
        asked.status = SwapRequest.Status.APPROVED if approve else SwapRequest.Status.REFUSED
        asked.decided_by, asked.decided_at = by, timezone.now()
        asked.save()


def swap_withdraw(*, asked: SwapRequest, by: User) -> None:
    if asked.requested_by_id != by.pk or asked.status != SwapRequest.Status.PENDING:
        raise ValidationError(_("Only a waiting request can be withdrawn, by who asked."))
    asked.status = SwapRequest.Status.WITHDRAWN
    asked.save()


def swaps_seen_by(user: User, *, keeps_roster: bool) -> QuerySet:
    """Waiting swaps a person is concerned with: their own requests, those handed to
    them, those offered to anyone; a supervisor sees every one."""
    waiting = SwapRequest.objects.pending().select_related(
        "shift__kind", "shift__staff", "requested_by", "offered_to"
    )
    if not keeps_roster:
        waiting = waiting.filter(
            Q(requested_by=user) | Q(offered_to=user) | Q(offered_to__isnull=True)
        )
    return waiting.order_by("shift__starts_at", "pk")


# --- Volunteer hours --------------------------------------------------------------------


@dataclass
class VolunteerRow:
    name: str
    shifts: int = 0
    shift_minutes: int = 0
    service_minutes: int = 0


def clipped_minutes(starts: datetime, ends: datetime, start: datetime, end: datetime) -> int:
    """Whole minutes of [starts, ends) inside [start, end)."""
    starts, ends, start, end = (moment.astimezone(UTC) for moment in (starts, ends, start, end))
    inside = min(ends, end) - max(starts, start)
    return max(int(inside.total_seconds() // 60), 0)


def volunteer_hours(period) -> list[VolunteerRow]:
    """Per volunteer in a report Period: shifts worked (count, and hours inside the
    period) and direct service time given (crisis_center/service_hours.py). Shifts that
    have started count as worked up to now. Names of staff only."""
    start, end = period.starts_at, min(period.ends_at, timezone.now())
    rows: dict[int, VolunteerRow] = {}
    worked = (
        Shift.objects.filter(staff__is_volunteer=True)
        .overlapping(start, end)
        .values_list(
            "staff_id", "staff__first_name", "staff__last_name", "staff__username",
            "starts_at", "ends_at",
        )
    )  # fmt: skip
    for pk, first, last, username, starts, ends in worked:
        row = rows.setdefault(pk, VolunteerRow(" ".join(filter(None, [first, last])) or username))
        row.shifts += 1
        row.shift_minutes += clipped_minutes(starts, ends, start, end)
    for pk, name, minutes in service_hours.minutes_by_giver(period, volunteers=True):
        rows.setdefault(pk, VolunteerRow(name)).service_minutes += minutes
    return sorted(rows.values(), key=lambda row: row.name.casefold())


VOLUNTEER_COLUMNS = ["Volunteer", "Shifts", "Shift hours", "Direct service hours"]


def volunteer_table(rows: list[VolunteerRow]) -> list[list]:
    """The report as the page and the CSV show it: a header, a row per volunteer, and
    the totals."""
    total = VolunteerRow(
        "Total",
        sum(r.shifts for r in rows),
        sum(r.shift_minutes for r in rows),
        sum(r.service_minutes for r in rows),
    )
    return [VOLUNTEER_COLUMNS] + [
        [
            r.name,
            r.shifts,
            service_hours.hours(r.shift_minutes),
            service_hours.hours(r.service_minutes),
        ]
        for r in [*rows, total]
    ]


def shift_entries(user: User | None, start: datetime, end: datetime) -> list:
    """The calendar's on-call shifts (no client data): each links to its week's roster."""
    from crisis_center.calendar import MOST, Entry

    return [
        Entry(
            start=shift.starts_at,
            end=shift.ends_at,
            title=_("On call: %(shift)s") % {"shift": shift.kind.name},
            url=f"{reverse('roster_week')}?week={timezone.localtime(shift.starts_at).date()}",
            kind="on-call shift",
            who=str(shift.staff),
        )
        for shift in shifts_for(user, start, end)[:MOST]
    ]

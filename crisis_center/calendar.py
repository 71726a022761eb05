"""One calendar: a staff member's week of appointments, due dates and shifts.

Like the timeline and the page panels, a registry that apps fill in their
AppConfig.ready(), so this module imports no domain app: advocacy adds its appointments,
follow-ups and court dates, the roster its on-call shifts. A source is a function
(user_or_None, start, end) -> entries: the entries of one staff member (None:
everyone's, which only a supervisor is shown) that fall in [start, end), aware local
datetimes. A source of client data is registered with `client_data=True` and is also
given the viewer, whose `visible_to` it filters by (DESIGN.md rule 1): an advocate's
calendar holds only their own clients, whatever it is asked for.

Each source costs a fixed number of queries and returns at most MOST entries; the week
page shows PER_DAY a day and links the rest ("and 40 more") to the day's own list.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

MOST = 2000  # entries a source returns for one range at most (a week of a large center)
PER_DAY = 8  # entries a day shows on the week page; the rest are on the day's list


@dataclass(frozen=True)
class Entry:
    """Something in a staff member's calendar. `start` is a date for something due on
    a day (no time of its own), else an aware datetime; `kind` is a short noun ("court
    date"), the words the reminders count by; `record`, the client record it shows, for
    the access log (None for what holds no client data, a shift)."""

    start: datetime | date
    title: str
    url: str
    kind: str
    end: datetime | None = None
    record: models.Model | None = field(default=None, compare=False)
    who: str = ""  # whose it is, on a calendar of everyone's

    @property
    def day(self) -> date:
        if isinstance(self.start, datetime):
            return timezone.localtime(self.start).date()
        return self.start

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    def sort_key(self) -> tuple:
        """A day's entries: the things due that day first, then by time."""
        if isinstance(self.start, datetime):
            return (self.day, 1, timezone.localtime(self.start).time(), self.title)
        return (self.start, 0, time.min, self.title)


Source = Callable[..., Iterable[Entry]]


@dataclass(frozen=True)
class _Registered:
    source: Source
    client_data: bool


_sources: list[_Registered] = []


def register(source: Source, *, client_data: bool = False) -> None:
    """Add a source: source(user_or_None, start, end), and `viewer=` when it reads
    client data (it must filter by the viewer's visible_to)."""
    _sources.append(_Registered(source, client_data))


def local_midnight(day: date) -> datetime:
    """The start of a local day, aware (each day its own offset: across a daylight-
    saving change a day is 23 or 25 hours)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def entries(viewer, user, first: date, days: int) -> list[Entry]:
    """Every registered source's entries of `user` (None: everyone's) from the local
    day `first` for `days` days, as `viewer` may see them, in day and time order."""
    start, end = local_midnight(first), local_midnight(first + timedelta(days=days))
    found: list[Entry] = []
    for registered in _sources:
        if registered.client_data:
            found.extend(registered.source(user, start, end, viewer=viewer))
        else:
            found.extend(registered.source(user, start, end))
    return sorted(found, key=Entry.sort_key)


# --- Weeks ------------------------------------------------------------------------------


def monday_of(text: str | None, today: date) -> date:
    """The Monday of an ISO week "2026-W49"; this week's for anything else."""
    try:
        year, week = (text or "").upper().split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return today - timedelta(days=today.weekday())


def week_name(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def day_of(text: str | None, today: date) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return today


@dataclass
class Day:
    day: date
    shown: list[Entry]
    more: int  # entries of the day not shown on the week page


def week(viewer, user, monday: date) -> list[Day]:
    """Monday to Sunday, each day's first PER_DAY entries and how many more it has."""
    by_day: dict[date, list[Entry]] = {monday + timedelta(days=i): [] for i in range(7)}
    for entry in entries(viewer, user, monday, 7):
        if entry.day in by_day:
            by_day[entry.day].append(entry)
    return [
        Day(day, listed[:PER_DAY], max(len(listed) - PER_DAY, 0)) for day, listed in by_day.items()
    ]


# --- Reminders --------------------------------------------------------------------------


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def counted(kinds: Iterable[str]) -> str:
    """ "2 appointments, 1 follow-up": how many of each, most first."""
    return ", ".join(plural(n, kind) for kind, n in Counter(kinds).most_common())

"""What every report is made of, and the registries the apps add to.

A report covers a Period (a quarter of a fiscal year, or the whole year) and is a list
of Blocks (a title and labelled counts). The collaboration outcome measures (ICASA
Section 3) and the caseload dashboard's follow-ups due come from several apps, which
register theirs here in AppConfig.ready(); intake's report pages read them. This module
imports no app (arrows point one way); suppression and CSV are in reporting.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Model, Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext


@dataclass(frozen=True)
class Period:
    """A quarter of a fiscal year (quarter 0: the whole year). FY 2026 ends in 2026."""

    fiscal_year: int
    quarter: int

    @property
    def fy_start(self) -> date:
        month = settings.FISCAL_YEAR_START_MONTH
        return date(self.fiscal_year - (1 if month > 1 else 0), month, 1)

    @property
    def start(self) -> date:
        return _add_months(self.fy_start, 3 * max(self.quarter - 1, 0))

    @property
    def end(self) -> date:
        return _add_months(self.start, 3 if self.quarter else 12) - timedelta(days=1)

    @property
    def starts_at(self) -> datetime:
        """The period's first moment in the center's time zone."""
        return local_midnight(self.start)

    @property
    def ends_at(self) -> datetime:
        """The first moment after the period."""
        return local_midnight(self.end + timedelta(days=1))

    @property
    def label(self) -> str:
        """The period in words, in the active language: FY 2026 Q1 (Jan 1, 2026 to ...)."""
        span = gettext("%(start)s to %(end)s") % {
            "start": dateformat.format(self.start, "M j, Y"),
            "end": dateformat.format(self.end, "M j, Y"),
        }
        part = f"Q{self.quarter}" if self.quarter else gettext("whole year")
        return gettext("FY %(year)s %(part)s (%(span)s)") % {
            "year": self.fiscal_year,
            "part": part,
            "span": span,
        }

    @property
    def slug(self) -> str:
        return f"fy{self.fiscal_year}-{f'q{self.quarter}' if self.quarter else 'year'}"

    @classmethod
    def containing(cls, day: date) -> "Period":
        month = settings.FISCAL_YEAR_START_MONTH
        months_in = (day.month - month) % 12
        fy_start_year = day.year if day.month >= month else day.year - 1
        return cls(fy_start_year + (1 if month > 1 else 0), months_in // 3 + 1)


def local_midnight(day: date) -> datetime:
    """A day's first moment in the center's time zone: compare datetimes against it,
    not `field__date`, which casts every row and cannot use an index."""
    return datetime.combine(day, time(), tzinfo=timezone.get_current_timezone())


def _add_months(day: date, months: int) -> date:
    years, month0 = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + years, month=month0 + 1)


@dataclass
class Block:
    """One table of a report: a title and (label, count) rows, maybe with a total."""

    title: str
    rows: list[tuple[str, int | str]]  # str for a measure that is not a count (hours)
    note: str = ""
    total: int | None = None
    key: str = ""  # a stable name for the CSV and for drill-down links
    # Counts of people are suppressed for coordinators; sessions or hours are not.
    people: bool = True
    codes: list[str] = field(default_factory=list)  # per row, for drill-down (services)
    # What else a reader knows of the rows, so that suppression hides enough
    # (crisis_center.reporting.suppress_block):
    adds_up_to: int | None = None  # the rows' total when another block prints it
    at_least: bool = False  # the rows add up to at least that: a person in several
    total_of: str = ""  # the key of the block that prints adds_up_to as its total
    public: list[int] = field(default_factory=list)  # rows whose count another block prints
    apart: list[int] = field(default_factory=list)  # rows not in the sum
    warning: str = ""  # a check of the counts that failed, shown above the rows


# --- What the apps add: outcome measures and follow-ups due --------------------------

OUTCOMES: list[tuple[int, Callable[[Period], Block]]] = []


def register_outcome(number: int, measure: Callable[[Period], Block]) -> None:
    """Section 3's outcome measure `number` (its place in ICASA's list) for a period,
    in a fixed number of queries. Several blocks may share a number."""
    OUTCOMES.append((number, measure))


def outcome_measures(period: Period) -> list[Block]:
    ordered = sorted(OUTCOMES, key=lambda entry: entry[0])  # stable: ties keep their order
    return [measure(period) for _, measure in ordered]


@dataclass(frozen=True)
class Due:
    """Follow-ups for the caseload dashboard: the records of `model` matching `where`
    are open, due on their `day`; `name` is what the dashboard's count is kept under."""

    label: str
    name: str
    model: type[Model]
    day: str
    where: Q


DUE: list[Due] = []
_keepers: list[Callable[[Due], None]] = []


def register_due(label: str, name: str, model: type[Model], day: str, where: Q) -> None:
    due = Due(label, name, model, day, where)
    DUE.append(due)
    for keep in _keepers:
        keep(due)


def keep_due_with(keep: Callable[[Due], None]) -> None:
    """`keep(due)` for every follow-up registered, before or after this call: how the
    app that counts them (intake's running counts) learns of each."""
    _keepers.append(keep)
    for due in DUE:
        keep(due)

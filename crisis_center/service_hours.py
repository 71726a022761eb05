"""The service-hours report: the time staff and volunteers gave in direct services.

Illinois InfoNet counts every direct service with the staff member who gave it and the
time it took, and reports hours per service and per staff member, volunteers apart. Here
every record kind on `TimeGiven` (crisis_center/records/models.py) joins the report by
its registration (crisis_center.records.register); a kind whose time is kept elsewhere
(a group session's, shared by its attendees) registers a `Source` of its own.

No client data: counts, minutes and staff names only. A record without a recorded length
counts as "time not recorded", apart, never as 0 minutes. One aggregate query per
source (two for a group), whatever the size of the center.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext, gettext_noop

from crisis_center.reports import Period
from crisis_center.roles import format_hours


@dataclass(frozen=True)
class Tally:
    """Rows to add up: `rows()` their queryset, `when` the moment each counts on,
    `minutes` its length, and `giver` the staff member's id (empty: not per person)."""

    rows: Callable[[], QuerySet]
    when: str
    minutes: str = "duration_minutes"
    giver: str = "given_by"


@dataclass(frozen=True)
class Source:
    """One kind of direct service. `services` are counted in the table by kind, `givers`
    in the tables by staff member: the same rows, unless one service is given by
    several people or received by several clients (a group session)."""

    label: str
    services: Tally
    givers: Tally | None = None


SOURCES: list[Source] = []
# A column of every table, and of the CSV (left in English there, as the CSV's other
# column names); the page shows it translated.
UNTIMED = gettext_noop("Records without a recorded time")


def register(source: Source) -> None:
    SOURCES.append(source)


def hours(minutes: int) -> str:
    """Minutes as hours, to two decimals without trailing zeros: 90 is 1.5, 20 is 0.33."""
    exact = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_hours(exact)


@dataclass
class KindRow:
    label: str
    records: int = 0
    minutes: int = 0
    untimed: int = 0

    @property
    def hours(self) -> str:
        return hours(self.minutes)


@dataclass
class PersonRow:
    name: str
    minutes: list[int]  # per source, in SOURCES' order
    untimed: int = 0

    @property
    def cells(self) -> list[str]:
        return [hours(m) for m in self.minutes]

    @property
    def total(self) -> str:
        return hours(sum(self.minutes))


@dataclass
class ServiceHours:
    period: Period
    kinds: list[KindRow]
    staff: list[PersonRow]
    volunteers: list[PersonRow]

    @property
    def labels(self) -> list[str]:
        return [row.label for row in self.kinds]

    def total(self) -> KindRow:
        return KindRow(
            gettext("Total"),
            sum(r.records for r in self.kinds),
            sum(r.minutes for r in self.kinds),
            sum(r.untimed for r in self.kinds),
        )

    def sections(self) -> list[tuple[str, list[PersonRow], PersonRow]]:
        """The tables by staff member: staff, then volunteers (last: the page counts on
        it), each with its total."""
        return [
            (gettext("Staff"), self.staff, self.table(self.staff)),
            (gettext("Volunteers"), self.volunteers, self.table(self.volunteers)),
        ]

    def table(self, people: list[PersonRow]) -> PersonRow:
        """The total row of a staff table."""
        columns = zip(*(p.minutes for p in people), strict=True) if people else []
        return PersonRow(
            gettext("Total"),
            [sum(c) for c in columns] or [0] * len(self.kinds),
            sum(p.untimed for p in people),
        )


def _counted(tally: Tally, period: Period, per_person: bool) -> QuerySet:
    rows = tally.rows().filter(
        **{f"{tally.when}__gte": period.starts_at, f"{tally.when}__lt": period.ends_at}
    )
    sums = {
        "n": Count("*"),
        "minutes": Sum(tally.minutes),
        "untimed": Count("pk", filter=Q(**{f"{tally.minutes}__isnull": True})),
    }
    if not per_person:
        return [rows.aggregate(**sums)]
    g = tally.giver
    who = (g, f"{g}__first_name", f"{g}__last_name", f"{g}__username", f"{g}__is_volunteer")
    return rows.order_by().values(*who).annotate(**sums).values_list(*who, *sums)


def _per_giver(source: Source, period: Period):
    """(staff id, name, volunteer, records, minutes, untimed) per person who gave
    `source`'s services in the period: one query."""
    for pk, first, last, username, is_volunteer, n, minutes, untimed in _counted(
        source.givers or source.services, period, per_person=True
    ):
        name = " ".join(filter(None, [first, last])) or username
        yield pk, name, is_volunteer, n, minutes or 0, untimed


def minutes_by_giver(period: Period, *, volunteers: bool) -> list[tuple[int, str, int]]:
    """(staff id, name, minutes of direct service) of each volunteer (or each paid staff
    member) in the period, every kind of service added up: one query per source."""
    totals: dict[int, tuple[str, int]] = {}
    for source in SOURCES:
        for pk, name, is_volunteer, _n, minutes, _untimed in _per_giver(source, period):
            if pk is not None and is_volunteer == volunteers:
                totals[pk] = (name, totals.get(pk, (name, 0))[1] + minutes)
    return [(pk, name, minutes) for pk, (name, minutes) in totals.items()]


def service_hours(period: Period) -> ServiceHours:
    """Hours in the period by kind of service and by staff member, volunteers apart;
    a record counts on its own date, within the period's local-time bounds."""
    kinds = [KindRow(source.label) for source in SOURCES]
    people: dict[int, PersonRow] = {}
    volunteer: dict[int, bool] = {}
    for i, source in enumerate(SOURCES):
        if source.givers is not None:
            (found,) = _counted(source.services, period, per_person=False)
            kinds[i] = KindRow(source.label, found["n"], found["minutes"] or 0, found["untimed"])
        for pk, name, is_volunteer, n, minutes, untimed in _per_giver(source, period):
            if source.givers is None:
                row = kinds[i]
                row.records, row.minutes = row.records + n, row.minutes + minutes
                row.untimed += untimed
            if pk is None:  # written in bulk without a giver: counted by kind only
                continue
            person = people.setdefault(pk, PersonRow(name, [0] * len(SOURCES)))
            person.minutes[i] += minutes
            person.untimed += untimed
            volunteer[pk] = is_volunteer
    ordered = sorted(people.items(), key=lambda item: (item[1].name.casefold(), item[0]))
    return ServiceHours(
        period,
        kinds,
        staff=[row for pk, row in ordered if not volunteer[pk]],
        volunteers=[row for pk, row in ordered if volunteer[pk]],
    )


def csv_rows(report: ServiceHours) -> list[list]:
    """The page's tables, cell by cell: section, row, column, value."""
    rows = []
    for kind in [*report.kinds, report.total()]:
        rows += [
            ["By service kind", kind.label, "Records", kind.records],
            ["By service kind", kind.label, "Hours", kind.hours],
            ["By service kind", kind.label, UNTIMED, kind.untimed],
        ]
    for section, people, total in report.sections():
        for person in [*people, total]:
            rows += [
                [section, person.name, label, cell]
                for label, cell in zip(report.labels, person.cells, strict=True)
            ]
            rows.append([section, person.name, "Total hours", person.total])
            rows.append([section, person.name, UNTIMED, person.untimed])
    return rows

"""Reports: the funder's quarterly victim-services report, the supervisors' caseload
dashboard, and the outcome measure the client record answers (the registry of outcome
measures, Period and Block are in crisis_center/reports.py).

Every number is a COUNT in SQL over indexed tables (the service ledger, the client
record), or for the dashboard a sum of running counts kept as records are saved
(intake/counts.py); Python only lays out a few dozen aggregate rows. The counting rules are those
of shared/funder_reports.md, cited where they decide something.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from crisis_center import center, charts
from crisis_center.reports import DUE, Block, Due, Period
from intake import counts as running
from intake.choices import (
    AgeRange,
    ClassificationKind,
    ClientStatus,
    GenderIdentity,
    ReferralSource,
    ServiceCategory,
    ServiceCode,
)
from intake.models import (
    CareTeamMember,
    Classification,
    Client,
    ClientClassification,
    ServiceDelivery,
)

# Row labels, and keys the counts are summed by: translated where a row is made.
NOT_REPORTED = gettext_noop("Not Reported")
NOT_TRACKED = gettext_noop("Not Tracked")


# --- The quarterly victim-services report --------------------------------------------

# The report's gender block (Male / Female / Other); the record keeps more detail.
GENDER_BLOCK = {
    GenderIdentity.WOMAN: gettext_noop("Female"),
    GenderIdentity.TRANS_WOMAN: gettext_noop("Female"),
    GenderIdentity.MAN: gettext_noop("Male"),
    GenderIdentity.TRANS_MAN: gettext_noop("Male"),
    GenderIdentity.NONBINARY: gettext_noop("Other"),
    GenderIdentity.ANOTHER: gettext_noop("Other"),
    GenderIdentity.DECLINED: NOT_REPORTED,
    GenderIdentity.NOT_ASKED: NOT_REPORTED,
}
AGE_BLOCKS = [
    (12, AgeRange.AGE_0_12),
    (17, AgeRange.AGE_13_17),
    (24, AgeRange.AGE_18_24),
    (59, AgeRange.AGE_25_59),
]
MULTIPLE = "multiple"
TRAFFICKING_SEX = "trafficking_sex"
UNREPORTED = "not_reported"
UNTRACKED = "not_tracked"  # the center does not collect the field (Center settings)


def _ledger(period: Period) -> QuerySet:
    """Every ledger row of the period: identified people's and anonymous contacts'."""
    return ServiceDelivery.objects.filter(on__gte=period.start, on__lte=period.end)


def _served(period: Period) -> QuerySet:
    """Ledger rows of the period for identified people (anonymous contacts count apart)."""
    return _ledger(period).filter(client__isnull=False)


def _anonymous(period: Period) -> QuerySet:
    """Ledger rows of services given on anonymous contacts in the period. Each contact is
    one person (shared/funder_reports.md): counted only when a service was given, so a
    hang-up, which has no row, is not; a contact later named is its client's."""
    return _ledger(period).filter(client__isnull=True)


def _is_new(period: Period) -> Exists:
    """For a client served in the period: new once per fiscal year, so not served earlier
    in the same year. NOT EXISTS looks each person up in the (client, on) index; NOT IN
    would read every service of the year's earlier quarters, three quarters' worth in Q4."""
    earlier = ServiceDelivery.objects.filter(
        client=OuterRef("pk"), on__gte=period.fy_start, on__lt=period.start
    )
    return ~Exists(earlier)


def _new_clients(period: Period) -> QuerySet:
    return Client.objects.filter(pk__in=_served(period).values("client_id")).filter(_is_new(period))


def _classified(kind: str) -> QuerySet:
    return ClientClassification.objects.filter(
        classification__kind=kind, classification__is_non_answer=False
    )


def _race_bucket() -> Coalesce:
    # Someone who gives more than one race counts once, under Multiple Races.
    # One grouped subquery per person gives the bucket (their one race, or Multiple);
    # no row at all means they gave none.
    bucket = (
        _classified(ClassificationKind.RACE)
        .filter(client=OuterRef("pk"))
        .values("client")
        .annotate(n=Count("pk"))
        .annotate(
            bucket=Case(
                When(n=1, then=Min("classification__code")),
                default=Value(MULTIPLE),
                output_field=CharField(),
            )
        )
        .values("bucket")
    )
    return Coalesce(Subquery(bucket), Value(UNREPORTED))


def _age_bucket(period: Period, *, births: bool, ranges: bool) -> Case | Value:
    # Age at first service in the fiscal year, from the date of birth when there is
    # one, else the recorded age range; a date of birth is never required. A center
    # that collects only one of the two counts from that one (stored values of the
    # other are not used); one that collects neither counts everyone as Not Tracked.
    # The block is worked out inside one subquery over the client's services, first
    # one first, so the database evaluates it once per person, not once per comparison.
    # The outer query gives birth_year and birth_day (see _demographics).
    age = (
        ExtractYear("on")
        - Cast(OuterRef("birth_year"), IntegerField())
        - Case(
            When(on_day__lt=OuterRef("birth_day"), then=Value(1)),
            default=Value(0),
        )
    )
    first_block = (
        ServiceDelivery.objects.filter(
            client=OuterRef("pk"), on__gte=period.fy_start, on__lte=period.end
        )
        .alias(on_day=ExtractMonth("on") * 100 + ExtractDay("on"))
        .alias(age=age)
        .annotate(
            block=Case(
                *[When(age__lte=upper, then=Value(block)) for upper, block in AGE_BLOCKS],
                default=Value(AgeRange.AGE_60_UP),
                output_field=CharField(),
            )
        )
        .order_by("on")
        .values("block")[:1]
    )
    if not (births or ranges):
        return Value(UNTRACKED, output_field=CharField())
    from_birth = [When(date_of_birth__isnull=False, then=Subquery(first_block))] if births else []
    non_answers = [AgeRange.DECLINED, AgeRange.NOT_ASKED]
    from_range = [When(age_range__in=non_answers, then=Value(UNREPORTED))] if ranges else []
    return Case(
        *from_birth,
        *from_range,
        default=F("age_range") if ranges else Value(UNREPORTED),
        output_field=CharField(),
    )


def _demographics(new: QuerySet, period: Period) -> list[dict[str, int]]:
    """The new individuals counted by race, by gender and by age bucket, from one query
    that groups them by all three: the set of new people is worked out once. A block
    whose field the center does not collect counts every new person as Not Tracked
    (shared/funder_reports.md), whatever was stored before it was turned off."""
    settings = center.current()
    untracked = Value(UNTRACKED, output_field=CharField())
    rows = (
        new.alias(
            birth_year=ExtractYear("date_of_birth"),
            birth_day=ExtractMonth("date_of_birth") * 100 + ExtractDay("date_of_birth"),
        )
        .annotate(
            race=_race_bucket() if settings.collects("client.race") else untracked,
            gender_block=F("gender") if settings.collects("client.gender") else untracked,
            age=_age_bucket(
                period,
                births=settings.collects("client.date_of_birth"),
                ranges=settings.collects("client.age_range"),
            ),
        )
        .order_by()
        .values_list("race", "gender_block", "age")
        .annotate(n=Count("pk"))
    )
    by: list[dict[str, int]] = [{}, {}, {}]  # race, gender, age
    for *keys, n in rows:
        for counts, key in zip(by, keys, strict=True):
            counts[key] = counts.get(key, 0) + n
    return by


def _race_block(counts: dict[str, int], races: list[Classification]) -> list[tuple[str, int]]:
    rows = [(race.label, counts.get(race.code, 0)) for race in races if not race.is_non_answer]
    return [
        *rows,
        (gettext("Multiple Races"), counts.get(MULTIPLE, 0)),
        (gettext(NOT_REPORTED), counts.get(UNREPORTED, 0)),
        (gettext(NOT_TRACKED), counts.get(UNTRACKED, 0)),
    ]


def _gender_block(by_gender: dict[str, int]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for gender, n in by_gender.items():
        label = NOT_TRACKED if gender == UNTRACKED else GENDER_BLOCK.get(gender, NOT_REPORTED)
        counts[label] = counts.get(label, 0) + n
    labels = ["Male", "Female", "Other", NOT_REPORTED, NOT_TRACKED]
    return [(gettext(label), counts.get(label, 0)) for label in labels]


def _age_block(counts: dict[str, int]) -> list[tuple[str, int]]:
    blocks = [block for _, block in AGE_BLOCKS] + [AgeRange.AGE_60_UP]
    return [
        *((AgeRange(block).label, counts.get(block, 0)) for block in blocks),
        (gettext(NOT_REPORTED), counts.get(UNREPORTED, 0)),
        (gettext(NOT_TRACKED), counts.get(UNTRACKED, 0)),
    ]


def _classification_blocks(
    period: Period, served_ids: QuerySet, listed: list[Classification]
) -> list[Block]:
    """Victimization types and special classifications of everyone served in the period
    (not only the new); a person can be in several, and the block says how many are."""
    counted = (
        ClientClassification.objects.filter(
            client_id__in=served_ids,
            classification__kind__in=[ClassificationKind.VICTIMIZATION, ClassificationKind.SPECIAL],
        )
        .values("classification_id")
        .annotate(n=Count("pk"))  # a client holds a classification once (constraint)
    )
    counts = {row["classification_id"]: row["n"] for row in counted}
    per_client = (
        Client.objects.filter(pk__in=served_ids)
        .annotate(
            types=Count(
                "classifications",
                filter=Q(classifications__kind=ClassificationKind.VICTIMIZATION),
            )
        )
        .aggregate(
            served=Count("pk"),
            several=Count("pk", filter=Q(types__gt=1)),
            none=Count("pk", filter=Q(types=0)),
        )
    )
    blocks = []
    for kind, title in (
        (ClassificationKind.VICTIMIZATION, gettext("Victimization types (everyone served)")),
        (ClassificationKind.SPECIAL, gettext("Special classifications (everyone served)")),
    ):
        rows = [(c.label, counts.get(c.pk, 0)) for c in listed if c.kind == kind]
        blocks.append(Block(title, rows, key=kind))
    victimization = blocks[0]
    several = per_client["several"]
    victimization.rows += [
        (gettext("People with more than one type"), several),
        (gettext("No type recorded"), per_client["none"]),
    ]
    # The types and "no type" add up to the people served, plus one for each type past
    # the first: exactly the people served when nobody has several, at least the people
    # served plus those who do otherwise. Human Trafficking: Sex is printed again as the
    # outcome measures' people served by referral source.
    served = per_client["served"]
    victimization.adds_up_to = served + several
    victimization.at_least = several > 0
    victimization.total_of = "" if several else "individuals"
    victimization.apart = [len(victimization.rows) - 2]
    victimization.public = [
        i
        for i, c in enumerate(c for c in listed if c.kind == ClassificationKind.VICTIMIZATION)
        if c.code == TRAFFICKING_SEX
    ]
    return blocks


def _people_per_category(period: Period) -> tuple[dict[str, int], dict[str, int]]:
    """Per category: the identified people, and the anonymous contacts, given at least
    one service of it in the period."""
    identified = (
        _served(period).order_by().values("category").annotate(n=Count("client_id", distinct=True))
    )
    anonymous = (
        _anonymous(period)
        .order_by()
        .values("category")
        .annotate(n=Count("contact_id", distinct=True))
    )
    return (
        {row["category"]: row["n"] for row in identified},
        {row["category"]: row["n"] for row in anonymous},
    )


def _over_the_limit(people: dict[str, int], individuals: int, anonymous: int) -> str:
    """The funder's check (shared/funder_reports.md): no category counts more people than
    the individuals served and the anonymous contacts together."""
    limit = individuals + anonymous
    over = [
        gettext(
            "%(category)s counts %(people)s individuals, more than the %(individuals)s "
            "individuals served and %(anonymous)s anonymous contacts together (%(limit)s)"
        )
        % {
            "category": category.label,
            "people": people.get(category.value, 0),
            "individuals": individuals,
            "anonymous": anonymous,
            "limit": limit,
        }
        for category in ServiceCategory
        if people.get(category.value, 0) > limit
    ]
    if not over:
        return ""
    return gettext("%(problems)s. Check the services logged in the period before sending it.") % {
        "problems": "; ".join(over)
    }


def _service_blocks(period: Period, individuals: int, anonymous: int) -> list[Block]:
    """Services: individuals per category (A-E), times per numbered service. An anonymous
    contact counts as one individual in each category it received, and its services as
    times given (shared/funder_reports.md); both are shown apart too, for a state that
    asks otherwise."""
    identified, unnamed = _people_per_category(period)
    people = {key: identified.get(key, 0) + unnamed.get(key, 0) for key in identified | unnamed}
    # COUNT(*), not COUNT(id): the (on, client, category, code) index answers it alone.
    times: dict[str, int] = {}
    unnamed_times: dict[str, int] = {}
    for code, named, n in (
        _ledger(period)
        .order_by()
        .annotate(named=Q(client__isnull=False))
        .values_list("code", "named")
        .annotate(n=Count("*"))
    ):
        times[code] = times.get(code, 0) + n
        if not named:
            unnamed_times[code] = n

    def per_category(counts: dict[str, int]) -> list[tuple[str, int]]:
        return [(category.label, counts.get(category.value, 0)) for category in ServiceCategory]

    blocks = [
        Block(
            gettext("Individuals served by service category"),
            per_category(people),
            note=gettext("Identified individuals and anonymous contacts, each once per category."),
            key="categories",
            codes=list(ServiceCategory.values),
            warning=_over_the_limit(people, individuals, anonymous),
        ),
        Block(
            gettext("Service categories: identified individuals"),
            per_category(identified),
            key="categories_identified",
        ),
        Block(
            gettext("Service categories: anonymous contacts"),
            per_category(unnamed),
            note=gettext("Each anonymous contact given a service of the category, once."),
            key="categories_anonymous",
        ),
    ]
    for category in ServiceCategory:
        codes = [code for code in ServiceCode if code.category == category]
        blocks.append(
            Block(
                gettext("%(category)s: times each service was given")
                % {"category": category.label},
                [(code.label, times.get(code.value, 0)) for code in codes],
                key=f"services_{category.value}",
                codes=[code.value for code in codes],
                # Everyone counted in the category was given one of its services.
                adds_up_to=people.get(category.value, 0),
                at_least=True,
            )
        )
    blocks.append(
        Block(
            gettext("Times each service was given on anonymous contacts"),
            [(c.label, unnamed_times.get(c.value, 0)) for c in ServiceCode if c.category],
            note=gettext("Included in the times above."),
            key="services_anonymous",
        )
    )
    compensation = people.get("", 0)
    blocks.append(
        Block(
            gettext("Crime victim compensation"),
            [(gettext("People helped to apply for compensation"), compensation)],
            key="compensation",
            codes=[ServiceCode.COMPENSATION.value],
        )
    )
    return blocks


def entries(period: Period, *, code: str = "", category: str = "") -> QuerySet:
    """The services behind one cell of the report (supervisors, inside the center),
    anonymous contacts' too: they are in the counts."""
    rows = _ledger(period).select_related("client", "source_type").order_by("on", "pk")
    return rows.filter(code=code) if code else rows.filter(category=category)


@dataclass
class QuarterlyReport:
    period: Period
    individuals: int
    new: int
    anonymous_contacts: int
    blocks: list[Block]

    @property
    def continuing(self) -> int:
        return self.individuals - self.new


def quarterly_report(period: Period) -> QuarterlyReport:
    """The quarterly victim-services report (VOCA performance measures). 9 queries."""
    served_ids = _served(period).values("client_id")
    new = _new_clients(period)
    # Counts of clients, never lists of them: no name or id leaves in this report.
    totals = Client.objects.filter(pk__in=served_ids).aggregate(
        total=Count("pk"), new=Count("pk", filter=_is_new(period))
    )
    # Anonymous contacts given a service in the period: a contact counts once.
    anonymous = _anonymous(period).aggregate(n=Count("contact_id", distinct=True))["n"]
    listed = list(
        Classification.objects.filter(kind__in=[c.value for c in ClassificationKind]).order_by(
            "kind", "sort_order"
        )
    )
    races = [c for c in listed if c.kind == ClassificationKind.RACE]
    by_race, by_gender, by_age = _demographics(new, period)
    new_count = totals["new"]
    blocks = [
        Block(
            gettext("Individuals served"),
            [(gettext("New"), new_count), (gettext("Continuing"), totals["total"] - new_count)],
            total=totals["total"],
            key="individuals",
            public=[0],  # the new are the total of each demographic block
        ),
        Block(
            gettext("Anonymous contacts"),
            [(gettext("Contacts with people who did not identify themselves"), anonymous)],
            note=gettext(
                "Counted when a service was given (a hang-up is not). Not in the individuals "
                "counts; no demographics. Their services are in the service blocks."
            ),
            key="anonymous",
        ),
        Block(gettext("Race/ethnicity (new individuals)"), _race_block(by_race, races),
              total=new_count, key="race"),
        Block(gettext("Gender identity (new individuals)"), _gender_block(by_gender),
              total=new_count, key="gender"),
        Block(gettext("Age at first service this fiscal year (new individuals)"),
              _age_block(by_age), total=new_count, key="age"),
        *_classification_blocks(period, served_ids, listed),
        *_service_blocks(period, totals["total"], anonymous),
    ]  # fmt: skip
    return QuarterlyReport(period, totals["total"], new_count, anonymous, blocks)


# --- Outcome measure 4, the one the client record answers -----------------------------


def count_due(due: Due) -> None:
    """Keep a follow-up registered in crisis_center.reports as the running count
    `due.name` (intake/counts.py) by due day; the dashboard sums the days up to today."""
    running.register(due.model, running.dated(due.name, due.model, due.day, due.where))


def sex_trafficking_survivors() -> QuerySet:
    """Ids of clients with the victimization type Human Trafficking: Sex (a subquery)."""
    return (
        _classified(ClassificationKind.VICTIMIZATION)
        .filter(classification__code=TRAFFICKING_SEX)
        .values("client_id")
    )


def served_by_referral_source(period: Period) -> Block:
    # ICASA Section 3 outcome 4: prostituted women served and the source of the referrals.
    counts = dict(
        Client.objects.filter(pk__in=_served(period).values("client_id"))
        .filter(pk__in=sex_trafficking_survivors())
        .order_by()
        .values_list("referral_source")
        .annotate(n=Count("pk"))
    )
    rows = [(source.label, counts.get(source.value, 0)) for source in ReferralSource]
    if not center.collects("client.referral_source"):
        # Not collected: everyone counted is Not Tracked, whatever was stored before.
        rows = [(label, 0) for label, _ in rows] + [(gettext(NOT_TRACKED), sum(counts.values()))]
    return Block(
        gettext("Sex-trafficking survivors served, by referral source"),
        rows,
        note=gettext(
            "People served in the period with the victimization type Human Trafficking: Sex."
        ),
        key="served_by_source",
        # The quarterly report prints how many they are (Human Trafficking: Sex).
        adds_up_to=sum(count for _, count in rows),
    )


# --- The supervisors' caseload dashboard ---------------------------------------------


@dataclass
class Dashboard:
    per_advocate: QuerySet  # staff with active clients, most first (counts.caseloads())
    clients: dict[str, int]
    contacts: dict[str, int]
    concerns: int
    reviews_pending: int
    due: list[tuple[str, int]]
    follow_ups: list[tuple[str, str, int]]  # as `due`, with the count's name (its list)


def _spans(today: date) -> dict[str, tuple[date, date]]:
    """Each dashboard number's running count and the days it sums: the count on the page
    and the list behind it read the same span."""
    week = today - timedelta(days=today.weekday())  # the week starts Monday
    since = {
        running.OPENED: today.replace(day=1),
        running.CONTACTS: week,
        running.ANONYMOUS: week,
        running.CONCERNS: today - timedelta(days=30),
    }
    spans = {name: (first, date.max) for name, first in since.items()}
    spans |= dict.fromkeys(running.FILES.values(), (running.NO_DAY, running.NO_DAY))
    spans[running.AWAITING_REVIEW] = (running.NO_DAY, running.NO_DAY)
    spans |= {due.name: (date.min, today) for due in DUE}  # due today or overdue
    return spans


def caseload_dashboard(today: date | None = None) -> Dashboard:
    """What a supervisor checks each morning: one query over the running counts
    (intake/counts.py), a few rows per name and day, whatever the size of the center;
    the caseloads per staff member are a queryset for the page to take a page of."""
    today = today or timezone.localdate()
    found = running.sums(_spans(today))
    clients = {status: found[name] for status, name in running.FILES.items()}
    clients["new_this_month"] = found[running.OPENED]
    return Dashboard(
        per_advocate=running.caseloads(),
        clients=clients,
        contacts={"total": found[running.CONTACTS], "anonymous": found[running.ANONYMOUS]},
        concerns=found[running.CONCERNS],
        reviews_pending=found[running.AWAITING_REVIEW],
        due=[(gettext(due.label), found[due.name]) for due in DUE],
        follow_ups=[(gettext(due.label), due.name, found[due.name]) for due in DUE],
    )


def behind(name: str, today: date | None = None) -> QuerySet:
    """The records behind one of the dashboard's numbers (its running count's name):
    the same definition and days as the count. Not yet narrowed to what the viewer may
    see (the view does that through the access policy). LookupError for any other name."""
    if name not in (spans := _spans(today or timezone.localdate())):
        raise LookupError(name)
    return running.records(running.measure(name), *spans[name])


def caseload_of(staff_id: int) -> QuerySet:
    """The active files on one staff member's active care teams: the clients behind
    their caseload count (intake/counts.py CASELOAD)."""
    teams = CareTeamMember.objects.filter(staff_id=staff_id, ended_at__isnull=True)
    return Client.objects.filter(status=ClientStatus.ACTIVE, pk__in=teams.values("client_id"))


WEEKS = MONTHS = 12


@dataclass
class Trends:
    """The dashboard's two charts: (first day of the week or month, count), oldest first."""

    contacts_per_week: list[tuple[date, int]]
    new_clients_per_month: list[tuple[date, int]]


def trends(today: date | None = None) -> Trends:
    """Crisis contacts per week over the last 12 weeks (this one included) and client
    files opened per month over the last 12 months (this one included), from the running
    counts: one grouped query per chart, whatever the size of the center."""
    today = today or timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    weeks = [this_week - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    months = []
    month = today.replace(day=1)
    for _ in range(MONTHS):
        months.insert(0, month)
        month = (month - timedelta(days=1)).replace(day=1)
    contacts = running.by_week_or_month(running.CONTACTS, weeks[0], today, month=False)
    opened = running.by_week_or_month(running.OPENED, months[0], today, month=True)
    return Trends(
        contacts_per_week=[(week, contacts.get(week, 0)) for week in weeks],
        new_clients_per_month=[(first, opened.get(first, 0)) for first in months],
    )


def dashboard_context(today: date | None = None) -> dict:
    """What the dashboard's numbers and charts show, on the caseload page and the
    supervisor's home page alike: the running counts in one query, each chart in one."""
    found = trends(today)
    return {
        "d": caseload_dashboard(today),
        "contacts_chart": charts.bar_chart(
            found.contacts_per_week,
            name="chart-contacts",
            date_format="M j",
            row_format="M j, Y",
            label_every=2,
        ),
        "clients_chart": charts.bar_chart(found.new_clients_per_month, name="chart-clients"),
    }

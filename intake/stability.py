"""Stability outcomes: the change between a client's first and last answers, per domain.

Seeds 001 and 002 measure recovery as stability: housing, income or work, education,
legal status, safety, support network. A StabilityCheck records the client's answers
at intake, at reviews and at closing; here is the one definition of what changed: in
each domain, the first answer on the scale against the last one (a check's place is its
date, then its number), "not asked" and "declined" skipped, and no change without two
answers. The client page and the stability report both use it.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import reduce
from itertools import groupby
from operator import or_

from django.db.models import Q, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop

from crisis_center import panels
from crisis_center.reports import Block, Period
from intake.choices import STABILITY_DOMAINS, STABILITY_SCALE, StabilityLevel
from intake.choices import STABILITY_FIELDS as DOMAINS
from intake.models import Client, StabilityCheck

BETTER, SAME, WORSE, NOT_COMPARABLE = "better", "same", "worse", "not comparable"
SCALE = {level.value: place for place, level in enumerate(STABILITY_SCALE)}


@dataclass(frozen=True)
class Answer:
    check_id: int
    asked_on: date
    level: str

    @property
    def label(self) -> str:
        return StabilityLevel(self.level).label


@dataclass(frozen=True)
class DomainChange:
    domain: str
    label: str
    first: Answer | None
    last: Answer | None

    @property
    def change(self) -> str:
        """Better, same or worse from the first answer to the last; not comparable
        without two answers on the scale."""
        if self.first is None or self.last is None or self.first.check_id == self.last.check_id:
            return NOT_COMPARABLE
        before, after = SCALE[self.first.level], SCALE[self.last.level]
        return BETTER if after > before else WORSE if after < before else SAME


def changes(checks: Iterable) -> list[DomainChange]:
    """Each domain's first and last answers on the scale, from checks given oldest first
    (objects or rows with `id`, `asked_on` and the domains' fields)."""
    found = []
    for domain, label in STABILITY_DOMAINS:
        answered = [
            Answer(_get(c, "id"), _get(c, "asked_on"), _get(c, domain))
            for c in checks
            if _get(c, domain) in SCALE
        ]
        first, last = (answered[0], answered[-1]) if answered else (None, None)
        found.append(DomainChange(domain, label, first, last))
    return found


def _get(check, name: str):
    return check[name] if isinstance(check, dict) else getattr(check, name)


def _ends(client_id: int) -> list[StabilityCheck]:
    """The checks holding a domain's first or last answer (twelve at most, however many
    checks the client has), oldest first, in one query."""
    client_checks = StabilityCheck.objects.filter(client_id=client_id)
    wanted = []
    for domain in DOMAINS:
        answered = client_checks.filter(**{f"{domain}__in": list(SCALE)})
        for order in (("asked_on", "id"), ("-asked_on", "-id")):
            wanted.append(Q(pk=Subquery(answered.order_by(*order).values("pk")[:1])))
    return list(client_checks.filter(reduce(or_, wanted)).order_by("asked_on", "id"))


def client_panel(request: HttpRequest, client: Client) -> panels.Panel:
    """The client page's stability section: first and last answer per domain."""
    found = changes(_ends(client.pk))
    asked = any(c.first for c in found)
    context = {"client": client, "changes": found, "asked": asked}
    return panels.Panel("intake/panels/stability.html", context)


# The stability report --------------------------------------------------------------

ROWS = [
    (BETTER, gettext_noop("Better")),
    (SAME, gettext_noop("Same")),
    (WORSE, gettext_noop("Worse")),
]


def _checks_by_client(period: Period) -> Iterator[list[dict]]:
    """Every check up to the period's end of each client checked in the period, oldest
    first, client by client: one query, read as it streams."""
    checked = StabilityCheck.objects.filter(asked_on__range=(period.start, period.end))
    rows = (
        StabilityCheck.objects.filter(
            client_id__in=checked.values("client_id"), asked_on__lte=period.end
        )
        .order_by("client_id", "asked_on", "id")
        .values("client_id", "id", "asked_on", *DOMAINS)
        .iterator(chunk_size=2000)
    )
    for _, checks in groupby(rows, key=lambda row: row["client_id"]):
        yield list(checks)


def report(period: Period) -> list[Block]:
    """For each domain: the clients whose last answer in it was given in the period and
    who had answered it before, by how their answer changed from the first to the last.
    Counts only, in one query."""
    tally = {domain: Counter() for domain in DOMAINS}
    for checks in _checks_by_client(period):
        for found in changes(checks):
            if found.last and found.last.asked_on >= period.start:
                tally[found.domain][found.change] += 1
    blocks = []
    for domain, label in STABILITY_DOMAINS:
        rows = [(gettext(row_label), tally[domain][key]) for key, row_label in ROWS]
        blocks.append(
            Block(
                str(label),  # the domain's name, translated now
                rows,
                note=gettext(
                    "Clients whose last answer was given in this period, compared with "
                    "their first answer (answers “not asked” or “declined” are skipped)."
                ),
                total=sum(count for _, count in rows),
                key=f"stability-{domain}",
            )
        )
    return blocks

"""What advocacy adds to the reports (registered in apps.py)."""

from django.db.models import Count, Q
from django.utils.translation import gettext, gettext_noop

from advocacy.choices import GoalStatus, LegalSystem
from advocacy.models import LegalAdvocacy, MedicalAdvocacy, ServiceGoal
from crisis_center import reports
from intake.choices import ChargeOutcome

# Running counts of the open items by the day they are due (intake/counts.py).
MEDICAL_DUE = "due.medical_follow_ups"
GOALS_DUE = "due.goals"


def justice_system_experiences(period: reports.Period) -> reports.Block:
    # ICASA Section 3 outcome 6: experiences of victims within the criminal justice
    # system: where advocates went with them, and what became of charges against them.
    logged = LegalAdvocacy.objects.filter(
        occurred_at__gte=period.starts_at, occurred_at__lt=period.ends_at
    ).order_by()
    by_system = dict(logged.values_list("system").annotate(n=Count("client_id", distinct=True)))
    outcomes = dict(
        logged.exclude(charge_outcome=ChargeOutcome.NOT_APPLICABLE)
        .values_list("charge_outcome")
        .annotate(n=Count("client_id", distinct=True))
    )
    rows = [
        (
            gettext("People with advocacy at: %(system)s") % {"system": s.label},
            by_system.get(s.value, 0),
        )
        for s in LegalSystem
    ]
    rows += [
        (
            gettext("Charges against the client: %(outcome)s") % {"outcome": outcome.label.lower()},
            outcomes.get(outcome.value, 0),
        )
        for outcome in ChargeOutcome
        if outcome != ChargeOutcome.NOT_APPLICABLE
    ]
    return reports.Block(
        gettext("Experiences in the justice system"),
        rows,
        note=gettext("People, not contacts: someone seen twice by the police counts once."),
        key="justice",
    )


def register() -> None:
    # The dashboard translates the labels when it shows them.
    reports.register_due(
        gettext_noop("Medical follow-ups"), MEDICAL_DUE, MedicalAdvocacy, "follow_up_by",
        Q(follow_up_done_at__isnull=True),
    )  # fmt: skip
    reports.register_due(
        gettext_noop("Service goals past their target date"), GOALS_DUE, ServiceGoal, "target_date",
        Q(status__in=GoalStatus.still_open()),
    )  # fmt: skip
    reports.register_outcome(6, justice_system_experiences)

"""What advocacy adds to the reports (registered in apps.py)."""

from datetime import date

from django.db.models import Count

from advocacy.choices import ChargeOutcome, GoalStatus, LegalSystem
from advocacy.models import LegalAdvocacy, MedicalAdvocacy, ServiceGoal
from intake import reports


def medical_follow_ups_due(today: date) -> int:
    return MedicalAdvocacy.objects.filter(
        follow_up_by__lte=today, follow_up_done_at__isnull=True
    ).count()


def goals_past_target(today: date) -> int:
    return ServiceGoal.objects.filter(
        target_date__lte=today, status__in=[GoalStatus.OPEN, GoalStatus.IN_PROGRESS]
    ).count()


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
    rows = [(f"People with advocacy at: {s.label}", by_system.get(s.value, 0)) for s in LegalSystem]
    rows += [
        (f"Charges against the client: {outcome.label.lower()}", outcomes.get(outcome.value, 0))
        for outcome in ChargeOutcome
        if outcome != ChargeOutcome.NOT_APPLICABLE
    ]
    return reports.Block(
        "Experiences in the justice system",
        rows,
        note="People, not contacts: someone seen twice by the police counts once.",
        key="justice",
    )


def register() -> None:
    reports.register_due("Medical follow-ups", medical_follow_ups_due)
    reports.register_due("Service goals past their target date", goals_past_target)
    reports.register_outcome(6, justice_system_experiences)

"""The Section 3 outcome measures the collaboration records feed (registered in apps.py).

ICASA Section 3 "Strategic Planning": keep track of policy changes, hours of
cross-training among agencies, referrals, women served and their referral sources,
feedback from the women, and their experiences in the justice system. Referrals, people
served and the justice system come from referrals, intake and advocacy.
"""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from collaboration.choices import Rating
from collaboration.models import (
    STATEMENTS,
    CrossTraining,
    CrossTrainingAttendance,
    FeedbackResponse,
    PolicyChange,
)
from crisis_center import reports
from crisis_center.roles import format_hours

AGREED = [Rating.STRONGLY_AGREE, Rating.AGREE]


def policy_changes(period: reports.Period) -> reports.Block:
    changes = PolicyChange.objects.filter(
        changed_on__gte=period.start, changed_on__lte=period.end
    ).aggregate(changes=Count("pk"), agencies=Count("agency", distinct=True))
    return reports.Block(
        gettext("Policy changes for a trauma-informed, legally just response"),
        [
            (gettext("Policy changes recorded"), changes["changes"]),
            (gettext("Agencies that changed a policy"), changes["agencies"]),
        ],  # fmt: skip
        key="policy_changes",
        people=False,
    )


def cross_training(period: reports.Period) -> reports.Block:
    sessions = CrossTraining.objects.filter(date__gte=period.start, date__lte=period.end)
    totals = sessions.aggregate(
        sessions=Count("pk"),
        hours=Coalesce(Sum("hours"), Value(Decimal(0)), output_field=DecimalField()),
        outside=Coalesce(Sum("outside_attendees"), 0),
    )
    staff = CrossTrainingAttendance.objects.filter(training__in=sessions).count()
    return reports.Block(
        gettext("Cross-training among agencies"),
        [
            (gettext("Sessions"), totals["sessions"]),
            (gettext("Hours of cross-training"), format_hours(totals["hours"])),
            (gettext("People attending from partner agencies"), totals["outside"]),
            (gettext("Our staff attending (each session counted)"), staff),
        ],
        key="cross_training",
        people=False,
    )


def feedback(period: reports.Period) -> reports.Block:
    # Responses carry only the month they were given in (no day, for anonymity).
    answered = FeedbackResponse.objects.filter(
        month__gte=period.start.replace(day=1), month__lte=period.end
    ).aggregate(
        responses=Count("pk"),
        **{column: Count("pk", filter=Q(**{f"{column}__in": AGREED})) for column, _ in STATEMENTS},
    )
    rows = [(gettext("Survey responses"), answered["responses"])]
    rows += [
        (gettext("Agreed: %(statement)s") % {"statement": text}, answered[column])
        for column, text in STATEMENTS
    ]
    return reports.Block(
        gettext("Feedback from the people served"),
        rows,
        note=gettext("Anonymous service evaluations; agreed means agree or strongly agree."),
        key="feedback",
    )


def register() -> None:
    reports.register_outcome(1, policy_changes)
    reports.register_outcome(2, cross_training)
    reports.register_outcome(5, feedback)

"""What referrals add to the reports (registered in apps.py)."""

from django.db.models import Count, Q
from django.utils.translation import gettext, gettext_noop

from crisis_center import reports
from intake.reports import sex_trafficking_survivors
from referrals.choices import AgreementStatus, Outcome
from referrals.models import IncomingReferral, NetworkingAgreement, Referral

# Running counts of the open items by the day they are due (intake/counts.py).
REFERRALS_DUE = "due.referral_follow_ups"
REVIEWS_DUE = "due.agreement_reviews"


def referrals_in_and_out(period: reports.Period) -> reports.Block:
    # ICASA Section 3 outcome 3: referrals between the center and other providers
    # regarding prostituted women (and all referrals, for scale).
    survivors = sex_trafficking_survivors()
    survivor = Q(client_id__in=survivors) | Q(contact__client_id__in=survivors)
    out = Referral.objects.filter(
        referred_on__gte=period.start, referred_on__lte=period.end
    ).aggregate(total=Count("pk"), survivors=Count("pk", filter=survivor))
    received = IncomingReferral.objects.filter(
        received_on__gte=period.start, received_on__lte=period.end
    ).aggregate(total=Count("pk"), survivors=Count("pk", filter=Q(client_id__in=survivors)))
    return reports.Block(
        gettext("Referrals between the center and partners"),
        [
            (gettext("Referrals made to other providers"), out["total"]),
            (gettext("… of them for sex-trafficking survivors"), out["survivors"]),
            (gettext("Referrals received from partner agencies"), received["total"]),
            (gettext("… of them for sex-trafficking survivors"), received["survivors"]),
        ],
        key="referrals",
    )


def register() -> None:
    # The dashboard translates the labels when it shows them.
    reports.register_due(
        gettext_noop("Referral follow-ups"), REFERRALS_DUE, Referral, "follow_up_on",
        Q(outcome=Outcome.PENDING),
    )  # fmt: skip
    reports.register_due(
        gettext_noop("Networking agreement reviews"), REVIEWS_DUE,
        NetworkingAgreement, "next_review",
        Q(status__in=AgreementStatus.under_review()),
    )  # fmt: skip
    reports.register_outcome(3, referrals_in_and_out)

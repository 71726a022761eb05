"""What referrals add to a scale run (intake/scale.py): the referral directory (500
agencies, 5,000 resources, whatever the number of clients) and referrals from files and
from anonymous contacts, with the service-ledger rows they write."""

import random
from datetime import time as clock
from datetime import timedelta

from django.utils import timezone

from crisis_center.scale import Scale
from intake.models import CrisisContact
from referrals.choices import AgencyKind, Category, HowToRefer, Outcome, ReferralKind
from referrals.models import Agency, Referral, Resource

AGENCIES, RESOURCES = 500, 5000
REFERRED = 0.5  # the share of files with referrals


def directory(rng: random.Random) -> None:
    """The directory of a large region: AGENCIES agencies and RESOURCES resources."""
    words = ["Harbor", "Eastside", "Hope", "Unity", "Riverside", "Bridge", "Sunrise", "Cedar"]
    services = ["clinic", "shelter", "legal aid", "counseling", "food pantry", "ESL class"]
    Agency.objects.bulk_create(
        Agency(name=f"{rng.choice(words)} {kind.label} {i}", kind=kind)
        for i in range(AGENCIES)
        for kind in [rng.choice(list(AgencyKind))]
    )
    agencies = list(Agency.objects.all())
    languages = ["English", "English, Spanish", "Spanish", "English, Vietnamese", "Arabic"]
    today = timezone.localdate()
    Resource.objects.bulk_create(
        [
            Resource(
                agency=rng.choice(agencies),
                name=f"{rng.choice(words)} {rng.choice(services)} {i}",
                category=rng.choice(list(Category)),
                description=f"Free {rng.choice(services)} for survivors; call first.",
                languages=rng.choice(languages),
                id_required=rng.random() < 0.3,
                accepts_trafficking_survivors=rng.random() < 0.9,
                how_to_refer=rng.choice(list(HowToRefer)),
                open_24_7=rng.random() < 0.1,
                days="01234",
                opens_at=clock(8 + rng.randint(0, 2)),
                closes_at=clock(16 + rng.randint(0, 4)),
                last_verified=today,
            )
            for i in range(RESOURCES)
        ],
        batch_size=1000,
    )


def seed(scale: Scale) -> None:
    rng = scale.rng
    if not Resource.objects.exists():
        directory(rng)
        scale.counts[Agency._meta.label] += AGENCIES
        scale.counts[Resource._meta.label] += RESOURCES
    resources = list(Resource.objects.select_related("agency"))
    outcomes = [Outcome.CONNECTED] * 3 + [Outcome.PENDING, Outcome.DECLINED]

    def referral(at, by: int, **target) -> Referral:
        # The resource with its agency in hand: the ledger's default codes read its kind.
        day = timezone.localdate(at)
        return Referral(
            resource=rng.choice(resources), referred_on=day, created_by_id=by,
            kind=rng.choice(list(ReferralKind.values)), outcome=rng.choice(outcomes),
            follow_up_on=day + timedelta(days=14), service_codes=[],
            created_at=at, updated_at=at, **target,
        )  # fmt: skip

    referrals = [
        referral(scale.moment(f.opened, 90), scale.staff_for(f), client_id=f.id)
        for f in scale.pick(REFERRED)
        for _ in range(5 if f.long_term else rng.randint(1, 2))
    ]
    # An anonymous caller's referral hangs off the contact (its client: none, so far).
    referrals += [
        referral(started, advocate, contact=CrisisContact(pk=contact, client_id=None))
        for contact, advocate, started in scale.anonymous
    ]
    scale.insert_with_ledger(referrals)

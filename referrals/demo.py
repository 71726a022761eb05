"""Demo directory, agreements, releases, referrals and shelter stays for `manage.py seed_demo`."""

import random
from datetime import time, timedelta

from django.utils import timezone

from crisis_center.records.services import record_save, save_as
from intake.models import Client
from referrals.models import (
    Agency,
    HousingPlacement,
    NetworkingAgreement,
    Referral,
    ReleaseOfInformation,
    Resource,
)

AGENCIES = [
    ("Harbor Legal Aid", "immigration", "555-0140", [
        ("Immigration clinic (T and U visas)", "immigration_benefits", "English, Spanish", False),
        ("Vacating prostitution convictions", "legal", "English", False),
    ]),
    ("County General Hospital", "health_care", "555-0100", [
        ("Emergency department, SANE nurses", "health", "English, Spanish", False),
        ("Community health clinic", "health", "English, Vietnamese", True),
    ]),
    ("Safe Harbor Shelter", "dv_program", "555-0177", [
        ("Emergency shelter beds", "emergency_housing", "English, Spanish", False),
        ("Transitional apartments", "transitional_housing", "English", True),
    ]),
    ("New Roots Recovery", "substance_abuse", "555-0123", [
        ("Walk-in detox", "substance_abuse", "English", False),
    ]),
    ("Lakeside Adult Learning", "education_jobs", "555-0166", [
        ("GED classes", "hse", "English", True),
        ("English as a second language", "esl", "Spanish, Arabic, Vietnamese", False),
        ("Job readiness and life skills", "life_skills", "English", False),
    ]),
]  # fmt: skip


def seed(staff: dict, rng: random.Random) -> None:
    today = timezone.localdate()
    resources = []
    for name, kind, phone, services_offered in AGENCIES:
        agency = Agency.objects.create(name=name, kind=kind, phone=phone, address="Main St")
        for title, category, languages, id_required in services_offered:
            resources.append(
                Resource.objects.create(
                    agency=agency,
                    name=title,
                    category=category,
                    languages=languages,
                    id_required=id_required,
                    open_24_7=category in ("health", "emergency_housing"),
                    days="01234",
                    opens_at=time(9),
                    closes_at=time(17),
                    last_verified=today - timedelta(days=rng.choice([20, 90, 250])),
                )
            )
        NetworkingAgreement.objects.create(
            agency=agency,
            status="active",
            our_liaison=staff["coordinator"],
            provisions=["cross_training", "routine_meetings"],
            signed_on=today - timedelta(days=330),
            next_review=today + timedelta(days=rng.choice([-10, 12, 25, 200])),
        )
    advocate = staff["advocate"]
    for client in Client.objects.filter(created_by=advocate)[:3]:
        legal = resources[0]
        record_save(
            record=ReleaseOfInformation(
                client=client,
                agency=legal.agency,
                purpose="T visa application",
                information="Name, phone, and the dates of services",
                given_on=today - timedelta(days=14),
                expires_on=today + timedelta(days=150),
            ),
            by=advocate,
        )
        referral = Referral(
            client=client,
            resource=legal,
            created_by=advocate,
            kind="warm_handoff",
            identifying_info_shared=True,
            referred_on=today - timedelta(days=7),
        )
        save_as(referral, advocate)


def housing(staff: dict, rng: random.Random) -> None:
    """A shelter stay that led to transitional housing, for the advocate's first client."""
    advocate = staff["advocate"]
    client = Client.objects.filter(created_by=advocate).order_by("id").first()
    shelter = Agency.objects.get(name="Safe Harbor Shelter")
    today = timezone.localdate()
    for placement in (
        HousingPlacement(
            client=client,
            kind="emergency_shelter",
            agency=shelter,
            date_in=today - timedelta(days=40),
            date_out=today - timedelta(days=12),
            ended="longer_term",
            notes="Single room; no curfew asked of her.",
        ),
        HousingPlacement(
            client=client, kind="transitional", agency=shelter, date_in=today - timedelta(days=12)
        ),
    ):
        record_save(record=placement, by=advocate)

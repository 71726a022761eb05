"""What advocacy adds to a scale run (intake/scale.py): medical and legal advocacy and
counseling for a share of the files, with the service-ledger rows they write."""

from datetime import timedelta

from django.utils import timezone

from advocacy.choices import (
    EvidenceKit,
    Facility,
    LegalMatter,
    LegalSystem,
    MedicalContact,
    Modality,
    StayedForExam,
)
from advocacy.models import CounselingSession, LegalAdvocacy, MedicalAdvocacy
from crisis_center.scale import Scale
from intake.choices import ChargeOutcome

MEDICAL, LEGAL, COUNSELING = 0.15, 0.15, 0.2  # shares of the files


def seed(scale: Scale) -> None:
    rng, now, today = scale.rng, scale.now, timezone.localdate()
    medical = []
    for file in scale.pick(MEDICAL):
        for _ in range(3 if file.long_term else 1):
            at = scale.moment(file.opened, 30)
            follow_up = timezone.localdate(at) + timedelta(days=14) if file.is_open else None
            done = follow_up and follow_up < today - timedelta(days=7) and rng.random() < 0.9
            exam = rng.random() < 0.4
            medical.append(
                MedicalAdvocacy(
                    client_id=file.id, created_by_id=scale.staff_for(file), created_at=at,
                    updated_at=at, occurred_at=at, facility=rng.choice(list(Facility.values)),
                    facility_name="County General", contacted=[MedicalContact.CLIENT],
                    evidence_kit=EvidenceKit.COLLECTED if exam else EvidenceKit.NOT_APPLICABLE,
                    stayed_for_exam=StayedForExam.YES if exam else StayedForExam.NOT_APPLICABLE,
                    follow_up_by=follow_up, follow_up_done_at=now if done else None,
                    service_codes=[],
                )
            )  # fmt: skip
    scale.insert_with_ledger(medical)

    legal = []
    for file in scale.pick(LEGAL):
        for _ in range(3 if file.long_term else 1):
            at = scale.moment(file.opened, 60)
            matter = rng.choice(list(LegalMatter.values))
            charges = matter == LegalMatter.CHARGES_AGAINST_CLIENT
            outcome = ChargeOutcome.PENDING if charges else ChargeOutcome.NOT_APPLICABLE
            court = file.is_open and rng.random() < 0.3
            legal.append(
                LegalAdvocacy(
                    client_id=file.id, created_by_id=scale.staff_for(file), created_at=at,
                    updated_at=at, occurred_at=at, system=rng.choice(list(LegalSystem.values)),
                    matter=matter, charge_outcome=outcome,
                    court_date=now + timedelta(days=rng.uniform(-60, 45)) if court else None,
                    advocate_present=rng.random() < 0.5, service_codes=[],
                )
            )  # fmt: skip
    scale.insert_with_ledger(legal)

    counseling = []
    modalities = [Modality.TALK] * 5 + [Modality.ART, Modality.JOURNALING]
    for file in scale.pick(COUNSELING):
        for _ in range(12 if file.long_term else rng.randint(1, 6)):
            at = scale.moment(file.opened, 180)
            counseling.append(
                CounselingSession(
                    client_id=file.id, created_by_id=scale.staff_for(file, counseling=True),
                    created_at=at, updated_at=at, occurred_at=at,
                    duration_minutes=rng.choice([45, 50, 60]), modality=rng.choice(modalities),
                    service_codes=[],
                )
            )  # fmt: skip
    scale.insert_with_ledger(counseling)

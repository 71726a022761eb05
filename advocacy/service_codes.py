"""What each advocacy record counts as in the funder report, unless staff chose codes.

shared/funder_reports.md "How the records feed it": a hospital call-out is B1, or B2
when the advocate accompanied a forensic exam; legal advocacy maps by system and
matter; individual counseling is C4 (C6 for art, music, journaling or body work);
groups C5; accompaniment to another agency B4.
"""

from advocacy.choices import EvidenceKit, LegalMatter, LegalSystem, Modality, StayedForExam
from advocacy.models import (
    Accompaniment,
    CounselingSession,
    GroupAttendance,
    GroupSession,
    LegalAdvocacy,
    MedicalAdvocacy,
)
from intake import service_ledger
from intake.choices import ServiceCode as S

MATTER = {
    LegalMatter.ORDER_OF_PROTECTION: S.E4,
    LegalMatter.CUSTODY: S.E5,
    LegalMatter.T_VISA: S.E7,
    LegalMatter.U_VISA: S.E7,
    LegalMatter.VAWA: S.E7,
}
SYSTEM = {
    LegalSystem.POLICE: S.E9,
    LegalSystem.STATES_ATTORNEY: S.E8,
    LegalSystem.COURT: S.E10,
    LegalSystem.PROBATION: S.E6,
    LegalSystem.IMMIGRATION: S.E7,
    LegalSystem.CIVIL_LEGAL_AID: S.E11,
}
OTHER_THERAPY = {Modality.ART, Modality.MUSIC, Modality.JOURNALING, Modality.BODY_WORK}


def medical(record: MedicalAdvocacy) -> list[str]:
    exam = (
        record.stayed_for_exam == StayedForExam.YES or record.evidence_kit == EvidenceKit.COLLECTED
    )
    return [S.B2 if exam else S.B1]


def legal(record: LegalAdvocacy) -> list[str]:
    return [MATTER.get(record.matter) or SYSTEM[record.system]]


def counseling(record: CounselingSession) -> list[str]:
    return [S.C6 if record.modality in OTHER_THERAPY else S.C4]


def register() -> None:
    for model, defaults in (
        (MedicalAdvocacy, medical),
        (LegalAdvocacy, legal),
        (CounselingSession, counseling),
        (Accompaniment, lambda record: [S.B4]),
    ):
        service_ledger.register(
            service_ledger.ServiceSource(
                model=model, date=lambda record: record.occurred_at, defaults=defaults
            )
        )
    service_ledger.register(
        service_ledger.ServiceSource(
            model=GroupAttendance,
            date=lambda attendance: attendance.session.occurred_at,
            defaults=lambda attendance: [S.C5],
        )
    )
    # Moving a session moves its attendance in the report.
    service_ledger.follow(
        GroupSession, lambda session: session.attendance.select_related("session")
    )

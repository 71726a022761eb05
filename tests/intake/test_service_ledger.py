"""The service ledger: each logged service lands as the funder codes it counts as."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from advocacy.choices import EvidenceKit, LegalMatter, LegalSystem, Modality, StayedForExam
from advocacy.models import GroupAttendance, GroupSession, SupportGroup
from intake import service_ledger
from intake.models import ServiceDelivery
from intake.services import contact_link
from referrals.choices import AgencyKind
from referrals.models import Agency, Referral, Resource
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


def ledger(**filters) -> list[tuple]:
    rows = ServiceDelivery.objects.filter(**filters).order_by("code")
    return list(rows.values_list("client_id", "on", "code", "category"))


def test_hotline_crisis_call_counts_as_c2_and_information_as_a4(staff):
    contact = ContactFactory(
        advocate=staff["advocate"],
        channel="hotline_call",
        services=["crisis_intervention", "information_referral"],
        interpreter_used=True,
    )
    day = timezone.localdate(contact.started_at)
    assert ledger() == [(None, day, "A4", "A"), (None, day, "B10", "B"), (None, day, "C2", "C")]


def test_walk_in_crisis_is_c1_and_hospital_call_out_b1_with_on_scene_c3(staff):
    ContactFactory(advocate=staff["advocate"], channel="walk_in", services=["safety_planning"])
    ContactFactory(advocate=staff["advocate"], channel="hospital", services=["crisis_intervention"])
    assert sorted(ServiceDelivery.objects.values_list("code", flat=True)) == ["B1", "C1", "C3"]


def test_codes_staff_chose_replace_the_defaults(staff):
    contact = ContactFactory(
        advocate=staff["advocate"], services=["crisis_intervention"], service_codes=["D1", "C7"]
    )
    assert ledger() == [(None, timezone.localdate(contact.started_at), "C7", "C"),
                        (None, timezone.localdate(contact.started_at), "D1", "D")]  # fmt: skip


def test_editing_a_record_rewrites_its_rows_and_deleting_removes_them(staff):
    contact = ContactFactory(advocate=staff["advocate"], services=["crisis_intervention"])
    contact.services = ["advocacy"]
    contact.save()
    assert [row[2] for row in ledger()] == ["B4"]
    contact.delete()
    assert ledger() == []


def test_the_day_is_the_centers_local_day_not_utc(staff, settings):
    settings.TIME_ZONE = "America/Chicago"
    late = datetime(2026, 3, 31, 22, 30, tzinfo=CHICAGO)  # April 1 in UTC
    with timezone.override(CHICAGO):
        ContactFactory(advocate=staff["advocate"], started_at=late, services=["advocacy"])
    assert ServiceDelivery.objects.get().on.isoformat() == "2026-03-31"


def test_naming_an_anonymous_caller_moves_their_services_and_referrals_to_the_client(
    staff, own_client
):
    contact = ContactFactory(advocate=staff["advocate"], services=["crisis_intervention"])
    agency = Agency.objects.create(name="Safe Harbor DV", kind=AgencyKind.DV_PROGRAM)
    resource = Resource.objects.create(agency=agency, name="Shelter line", category="health")
    Referral.objects.create(contact=contact, resource=resource, created_by=staff["advocate"])
    assert set(ServiceDelivery.objects.values_list("client_id", "code")) == {
        (None, "C2"), (None, "A3")
    }  # fmt: skip
    contact_link(contact=contact, client=own_client, by=staff["advocate"])
    assert set(ServiceDelivery.objects.values_list("client_id", "code")) == {
        (own_client.pk, "C2"), (own_client.pk, "A3")
    }  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({}, "B1"),
        ({"stayed_for_exam": StayedForExam.YES}, "B2"),
        ({"evidence_kit": EvidenceKit.COLLECTED}, "B2"),
    ],
)
def test_medical_call_out_is_b1_or_b2_with_a_forensic_exam(staff, own_client, fields, code):
    from advocacy.models import MedicalAdvocacy

    MedicalAdvocacy.objects.create(client=own_client, created_by=staff["advocate"], **fields)
    assert ledger(client=own_client)[0][2] == code


@pytest.mark.parametrize(
    ("system", "matter", "code"),
    [
        (LegalSystem.POLICE, LegalMatter.OTHER, "E9"),
        (LegalSystem.STATES_ATTORNEY, LegalMatter.CHARGES_AGAINST_EXPLOITER, "E8"),
        (LegalSystem.COURT, LegalMatter.ORDER_OF_PROTECTION, "E4"),
        (LegalSystem.COURT, LegalMatter.CUSTODY, "E5"),
        (LegalSystem.IMMIGRATION, LegalMatter.T_VISA, "E7"),
    ],
)
def test_legal_advocacy_maps_by_matter_then_system(staff, own_client, system, matter, code):
    from advocacy.models import LegalAdvocacy

    LegalAdvocacy.objects.create(
        client=own_client, created_by=staff["advocate"], system=system, matter=matter
    )
    assert ledger(client=own_client)[0][2] == code


def test_counseling_is_c4_and_art_therapy_c6(staff, own_client):
    from advocacy.models import CounselingSession

    for modality in (Modality.TALK, Modality.ART):
        CounselingSession.objects.create(
            client=own_client, created_by=staff["supervisor"], modality=modality
        )
    assert [row[2] for row in ledger()] == ["C4", "C6"]


def test_group_attendance_is_c5_on_the_session_day_and_follows_the_session(staff, own_client):
    session = GroupSession.objects.create(
        group=SupportGroup.objects.create(name="Tuesday group"),
        occurred_at=datetime(2026, 5, 5, 18, 0, tzinfo=timezone.get_current_timezone()),
    )
    GroupAttendance.objects.create(client=own_client, session=session, created_by=staff["advocate"])
    assert ledger()[0][1:3] == (session.occurred_at.date(), "C5")
    session.occurred_at = datetime(2026, 5, 12, 18, 0, tzinfo=timezone.get_current_timezone())
    session.save()
    assert ledger()[0][1].isoformat() == "2026-05-12"


def test_rebuild_writes_the_same_ledger(staff, own_client):
    ContactFactory(advocate=staff["advocate"], client=own_client, services=["advocacy"])
    before = ledger()
    assert service_ledger.rebuild() == 1
    assert ledger() == before

"""factory-boy factories that keep related rows consistent (training, care teams)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from crisis_center.models import TrainingRecord, User
from crisis_center.roles import Role, TrainingTopic
from intake import services
from intake.models import Client, CrisisContact, Screening


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.ADVOCATE
    password = factory.django.Password("correct-horse-battery")

    class Params:
        # certified: 40 hours of crisis intervention training on record.
        certified = factory.Trait(
            crisis_training=factory.RelatedFactory(
                "tests.factories.TrainingRecordFactory",
                factory_related_name="staff",
                topic=TrainingTopic.CRISIS_INTERVENTION,
                hours=40,
            )
        )


class TrainingRecordFactory(DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    staff = factory.SubFactory(StaffFactory)
    topic = TrainingTopic.CRISIS_INTERVENTION
    hours = 8
    completed_on = date(2026, 1, 15)


class ClientFactory(DjangoModelFactory):
    """A client opened by `created_by`; an advocate who opens it is on its care team."""

    class Meta:
        model = Client

    pseudonym = factory.Sequence(lambda n: f"Client-{n:05d}")
    created_by = factory.SubFactory(StaffFactory, certified=True)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        by = kwargs.pop("created_by")
        return services.client_create(
            client=model_class(*args, **kwargs), classifications=[], by=by
        )


class ContactFactory(DjangoModelFactory):
    """A crisis contact; anonymous unless a client is given."""

    class Meta:
        model = CrisisContact

    advocate = factory.SubFactory(StaffFactory, certified=True)
    note = "Caller asked about shelter."


class ScreeningFactory(DjangoModelFactory):
    class Meta:
        model = Screening

    client = factory.SubFactory(ClientFactory)
    created_by = factory.SelfAttribute("client.created_by")


def advocacy_records(client: Client, author) -> dict:
    """One record of every advocacy kind for `client`, logged by `author`, by kind slug."""
    from django.utils import timezone

    from advocacy.models import (
        Accompaniment,
        Appointment,
        CounselingSession,
        GroupAttendance,
        GroupSession,
        LegalAdvocacy,
        MedicalAdvocacy,
        ServiceGoal,
        SupportGroup,
    )

    session = GroupSession.objects.create(
        group=SupportGroup.objects.create(name=f"Group of {client.pk}"),
        occurred_at=timezone.now(),
    )
    common = {"client": client, "created_by": author}
    return {
        "medical": MedicalAdvocacy.objects.create(**common, follow_up_by=timezone.localdate()),
        "legal": LegalAdvocacy.objects.create(**common),
        "counseling": CounselingSession.objects.create(**common),
        "accompaniment": Accompaniment.objects.create(
            **common, agency="Legal aid", purpose="Intake"
        ),
        "goal": ServiceGoal.objects.create(**common, goal="Find a safe apartment"),
        "attendance": GroupAttendance.objects.create(**common, session=session),
        "appointment": Appointment.objects.create(
            **common, starts_at=timezone.now(), staff=author, purpose="Hearing on the order"
        ),
    }


def referral_records(client: Client, author) -> dict:
    """A valid release, an information-only referral and the agency that referred the
    client to us, for `client`, by `author`."""
    from datetime import timedelta

    from django.utils import timezone

    from referrals.models import (
        Agency,
        IncomingReferral,
        Referral,
        ReleaseOfInformation,
        Resource,
    )

    agency, _ = Agency.objects.get_or_create(name="Harbor Legal Aid")
    resource = Resource.objects.filter(agency=agency).first() or Resource.objects.create(
        agency=agency, name="Immigration clinic", category="immigration_benefits"
    )
    today = timezone.localdate()
    release = ReleaseOfInformation.objects.create(
        client=client,
        created_by=author,
        agency=agency,
        purpose="T visa application",
        information="Name and phone",
        expires_on=today + timedelta(days=90),
    )
    referral = Referral.objects.create(client=client, resource=resource, created_by=author)
    incoming = IncomingReferral.objects.create(client=client, created_by=author, agency=agency)
    return {
        "agency": agency,
        "resource": resource,
        "release": release,
        "referral": referral,
        "incoming_referral": incoming,
    }


def collaboration_records(by) -> dict:
    """One record of every collaboration kind, saved by `by` (a coordinator), by URL slug."""
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import (
        ActionItem,
        CrossTraining,
        Meeting,
        Membership,
        OutreachLog,
        PolicyChange,
        PreventionGroup,
        SelfAssessment,
        StrategicPlanItem,
    )
    from referrals.models import Agency

    today = timezone.localdate()
    agency, _ = Agency.objects.get_or_create(name="Safe Harbor Shelter")
    meeting = Meeting.objects.create(date=today, place="Library, room 2")
    return {
        "agency": agency,
        "member": Membership.objects.create(agency=agency, contact_person="Dana Brooks"),
        "meeting": meeting,
        "action_item": ActionItem.objects.create(
            meeting=meeting,
            description="Draft the agreement",
            owner="Dana Brooks",
            due_on=today - timedelta(days=3),
        ),
        "plan_item": StrategicPlanItem.objects.create(change_needed="ER calls the hotline"),
        "policy_change": PolicyChange.objects.create(agency=agency, description="No ID asked"),
        "cross_training": CrossTraining.objects.create(topic="harm_reduction", hours=2),
        "outreach": OutreachLog.objects.create(
            location_type="street", people_reached=4, created_by=by
        ),
        "assessment": SelfAssessment.objects.create(year=today.year, need_1="Partly"),
        "prevention": PreventionGroup.objects.create(name="Girls' circle"),
    }


def conference_records(client: Client, author) -> dict:
    """A case conference for `client` with the agency of its release, and one action item."""
    from django.utils import timezone

    from collaboration.models import CaseConference, ConferenceAction, ConferenceAgency
    from referrals.models import ReleaseOfInformation

    release = (
        ReleaseOfInformation.objects.filter(client=client).first()
        or referral_records(client, author)["release"]
    )
    conference = CaseConference.objects.create(
        client=client,
        created_by=author,
        held_at=timezone.now(),
        presented_summary="Adult survivor; needs housing.",
    )
    ConferenceAgency.objects.create(conference=conference, agency=release.agency, release=release)
    item = ConferenceAction.objects.create(
        client=client, conference=conference, created_by=author, description="Call the shelter"
    )
    return {"conference": conference, "release": release, "item": item}


def minor_records(client: Client, author) -> dict:
    """A consent and a mandated-report decision for `client` (a minor), by `author`."""
    from intake.models import MandatedReport, MinorConsent

    common = {"client": client, "created_by": author}
    return {
        "minor_consent": MinorConsent.objects.create(
            **common, given_by="guardian", covers=["services", "counseling"]
        ),
        "mandated_report": MandatedReport.objects.create(
            **common, decision="not_required", decided_by=author
        ),
    }


def incident_records(client: Client, author) -> dict:
    """An incident of `client` with two offenders and a victimization type, by `author`."""
    from intake.models import Classification, Incident, IncidentOffender

    incident = services.incident_save(
        incident=Incident(client=client, year=2024, month=5, place="hotel", reported="yes"),
        offenders=[
            IncidentOffender(relationship="trafficker", gender="male"),
            IncidentOffender(relationship="buyer"),
        ],
        removed=[],
        types=[Classification.objects.get(kind="victimization", code="trafficking_sex")],
        by=author,
    )
    return {"incident": incident}


def situation_records(client: Client, author) -> dict:
    """A child and a shelter stay at a directory agency, for `client`, by `author`."""
    from django.utils import timezone

    from intake.models import Dependent
    from referrals.models import Agency, HousingPlacement

    agency, _ = Agency.objects.get_or_create(name="Safe Harbor Shelter")
    return {
        "dependent": Dependent.objects.create(
            client=client, created_by=author, name="D.", age=6, needs=["school"]
        ),
        "housing": HousingPlacement.objects.create(
            client=client, created_by=author, agency=agency, date_in=timezone.localdate()
        ),
    }


# A small but real PDF: what a document's upload and its file hold (tests/intake/test_documents.py).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% a signed release of information\n%%EOF\n"


def document(client: Client, author, content: bytes = PDF, **fields):
    """A document on `client`'s file, stored (sealed) as an upload is."""
    from crisis_center import uploads
    from intake.documents import add_document
    from intake.models import Document

    made = Document(client=client, kind=fields.pop("kind", "release"), **fields)
    made.file_type, made.size = uploads.sniff(content), len(content)
    return add_document(document=made, content=content, by=author)

"""A hand-built quarter for the report tests: six people, every answer worked out by hand.

FY 2026 Q2 (fiscal year from October) runs January 1 to March 31, 2026.

    person  gender       race                 age                      served in Q2
    Ana     woman        Hispanic             born 2000-03-15 -> 25    C2 Jan 10, B2 Jan 12 (new)
    Bea     trans woman  Black + White        18-24 recorded           C4 Feb 2, C6 Feb 9;
                                                                       C4 Nov 5 in Q1 (continuing)
    Cy      man          not asked            not asked                A4 Mar 31 (new; also served
                                                                       Sep 30, the year before)
    Dee     non-binary   Asian (+ declined)   born 2010-04-01 -> 15    C5 Mar 20, E4 Mar 31 (new)
    Eve     woman        White                25-59                    only Apr 1 (Q3): not served
    Fay     declined     declined             declined                 C1 Jan 1 00:30, B4 and
                                                                       compensation Feb 15 (new)

Victimization: Ana adult sexual assault + sex trafficking, Bea sex trafficking, Dee child
sexual abuse, Cy and Fay none recorded. Special: Ana limited English, Cy homeless.
Anonymous contacts: two in Q2 and one in Q1.
"""

from datetime import date, datetime

from django.utils import timezone

from advocacy.models import (
    Accompaniment,
    CounselingSession,
    GroupAttendance,
    GroupSession,
    LegalAdvocacy,
    MedicalAdvocacy,
    SupportGroup,
)
from intake.models import Classification, ClientClassification
from referrals.models import Agency, Referral, Resource
from tests.factories import ClientFactory, ContactFactory, TrainingRecordFactory


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


def classify(client, by, *codes: tuple[str, str]) -> None:
    for kind, code in codes:
        ClientClassification.objects.create(
            client=client,
            classification=Classification.objects.get(kind=kind, code=code),
            created_by=by,
        )


def build_quarter(staff) -> dict:
    advocate = staff["advocate"]
    supervisor = staff["supervisor"]
    TrainingRecordFactory(staff=supervisor, topic="counseling", hours=20)
    people = {
        "ana": ClientFactory(pseudonym="Ana", gender="woman", date_of_birth=date(2000, 3, 15),
                             created_by=advocate),
        "bea": ClientFactory(pseudonym="Bea", gender="trans_woman", age_range="18_24",
                             created_by=advocate),
        "cy": ClientFactory(pseudonym="Cy", gender="man", created_by=advocate),
        "dee": ClientFactory(pseudonym="Dee", gender="nonbinary", date_of_birth=date(2010, 4, 1),
                             created_by=advocate),
        "eve": ClientFactory(pseudonym="Eve", gender="woman", age_range="25_59",
                             created_by=advocate),
        "fay": ClientFactory(pseudonym="Fay", gender="declined", age_range="declined",
                             created_by=advocate),
    }  # fmt: skip
    ana, bea, cy, dee, eve, fay = people.values()
    classify(
        ana,
        advocate,
        ("race", "hispanic_latino"),
        ("victimization", "adult_sexual_assault"),
        ("victimization", "trafficking_sex"),
        ("special", "limited_english"),
    )
    classify(
        bea,
        advocate,
        ("race", "black_african_american"),
        ("race", "white_non_latino"),
        ("victimization", "trafficking_sex"),
    )
    classify(cy, advocate, ("race", "not_asked"), ("special", "homeless"))
    classify(
        dee,
        advocate,
        ("race", "asian"),
        ("race", "declined"),
        ("victimization", "child_sexual_abuse"),
    )
    classify(eve, advocate, ("race", "white_non_latino"))
    classify(fay, advocate, ("race", "declined"))  # fmt: skip

    ContactFactory(
        advocate=advocate,
        client=ana,
        channel="hotline_call",
        services=["crisis_intervention"],
        started_at=at(2026, 1, 10),
    )
    MedicalAdvocacy.objects.create(
        client=ana, created_by=advocate, occurred_at=at(2026, 1, 12), stayed_for_exam="yes"
    )
    CounselingSession.objects.create(client=bea, created_by=supervisor, occurred_at=at(2025, 11, 5))
    CounselingSession.objects.create(client=bea, created_by=supervisor, occurred_at=at(2026, 2, 2))
    CounselingSession.objects.create(
        client=bea, created_by=supervisor, occurred_at=at(2026, 2, 9), modality="art"
    )
    resource = Resource.objects.create(
        agency=Agency.objects.create(name="Eastside Clinic", kind="health_care"),
        name="Walk-in clinic",
        category="health",
    )
    Referral.objects.create(
        client=cy, resource=resource, created_by=advocate, referred_on=date(2026, 3, 31)
    )
    Referral.objects.create(
        client=cy, resource=resource, created_by=advocate, referred_on=date(2025, 9, 30)
    )
    session = GroupSession.objects.create(
        group=SupportGroup.objects.create(name="Thursday group"), occurred_at=at(2026, 3, 20)
    )
    GroupAttendance.objects.create(client=dee, session=session, created_by=advocate)
    LegalAdvocacy.objects.create(
        client=dee,
        created_by=advocate,
        occurred_at=at(2026, 3, 31, 23),
        system="court",
        matter="order_of_protection",
    )
    ContactFactory(
        advocate=advocate,
        client=eve,
        services=["crisis_intervention"],
        started_at=at(2026, 4, 1, 0, 5),
    )
    ContactFactory(
        advocate=advocate,
        client=fay,
        channel="walk_in",
        services=["safety_planning"],
        started_at=at(2026, 1, 1, 0, 30),
    )
    Accompaniment.objects.create(
        client=fay,
        created_by=advocate,
        occurred_at=at(2026, 2, 15),
        agency="County office",
        purpose="Compensation application",
        service_codes=["B4", "comp"],
    )
    for when in (at(2026, 1, 3), at(2026, 3, 30), at(2025, 12, 31, 23, 59)):
        ContactFactory(advocate=advocate, services=["crisis_intervention"], started_at=when)
    return people


def build_anonymous_quarter(staff) -> dict:
    """Anonymous callers' services, worked out by hand (shared/funder_reports.md: an
    anonymous contact counts only when a service was given, and counts as one individual
    in each category it received; each service counts as times given).

    FY 2026 Q2 again, January 1 to March 31, 2026.

        who                  when               services (codes)
        Gil (client)         Feb 1, hotline     crisis intervention C2, referral A4 (clinic)
        Hana (client)        Feb 10             counseling C4
        caller 1 (anon.)     Jan 5, hotline     crisis intervention C2, referral A3 (DV program)
        caller 2 (anon.)     Feb 14, text       crisis intervention C2, information A4,
                                                interpreter B10
        caller 3 (anon.)     Mar 2, hotline     nothing: a hang-up
        caller 4 (anon.)     Mar 31 23:30       crisis intervention C2 (the center's Mar 31)
        caller 5 (anon.)     Apr 1 00:10        crisis intervention C2: Q3, not this quarter
        caller 6             Jan 20, hotline    crisis intervention C2; later said she is
                                                Hana: her service, not an anonymous one

    Individuals served: Gil, Hana = 2 (both new).
    Anonymous contacts given a service: callers 1, 2, 4 = 3 (3 had none, 5 is in Q3,
    6 is Hana).
    Individuals per category, identified + anonymous = total:
        A  Gil                 + callers 1, 2     = 1 + 2 = 3
        B  nobody              + caller 2         = 0 + 1 = 1
        C  Gil, Hana           + callers 1, 2, 4  = 2 + 3 = 5
        D, E                                       = 0
    No category exceeds individuals + anonymous contacts = 2 + 3 = 5 (C is exactly 5).
    Times given, identified + anonymous = total: A3 0 + 1 = 1; A4 1 + 1 = 2;
    B10 0 + 1 = 1; C2 2 (Gil, Hana's call) + 3 = 5; C4 1 + 0 = 1.
    """
    from intake.services import contact_link

    advocate = staff["advocate"]
    supervisor = staff["supervisor"]
    TrainingRecordFactory(staff=supervisor, topic="counseling", hours=20)
    gil = ClientFactory(pseudonym="Gil", created_by=advocate)
    hana = ClientFactory(pseudonym="Hana", created_by=advocate)
    clinic = Resource.objects.create(
        agency=Agency.objects.create(name="Eastside Clinic", kind="health_care"),
        name="Walk-in clinic",
        category="health",
    )
    shelter = Resource.objects.create(
        agency=Agency.objects.create(name="Safe Harbor", kind="dv_program"),
        name="Shelter line",
        category="emergency_housing",
    )
    crisis = ["crisis_intervention"]
    ContactFactory(advocate=advocate, client=gil, services=crisis, started_at=at(2026, 2, 1))
    Referral.objects.create(
        client=gil, resource=clinic, created_by=advocate, referred_on=date(2026, 2, 1)
    )
    CounselingSession.objects.create(
        client=hana, created_by=supervisor, occurred_at=at(2026, 2, 10)
    )
    caller1 = ContactFactory(advocate=advocate, services=crisis, started_at=at(2026, 1, 5))
    Referral.objects.create(
        contact=caller1, resource=shelter, created_by=advocate, referred_on=date(2026, 1, 5)
    )
    ContactFactory(
        advocate=advocate,
        channel="text_chat",
        services=[*crisis, "information_referral"],
        interpreter_used=True,
        started_at=at(2026, 2, 14),
    )
    ContactFactory(advocate=advocate, services=[], started_at=at(2026, 3, 2))
    ContactFactory(advocate=advocate, services=crisis, started_at=at(2026, 3, 31, 23, 30))
    ContactFactory(advocate=advocate, services=crisis, started_at=at(2026, 4, 1, 0, 10))
    caller6 = ContactFactory(advocate=advocate, services=crisis, started_at=at(2026, 1, 20))
    contact_link(contact=caller6, client=hana, by=advocate)
    return {"gil": gil, "hana": hana}

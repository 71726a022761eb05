"""Demo closings, stability checks, incidents and dependents for `manage.py seed_demo`
(registered in apps.py): invented, with no names, as every incident is."""

import random
from datetime import timedelta

from django.utils import timezone

from crisis_center.records.services import record_save
from intake import closing, services
from intake.choices import ChargeOutcome, YesNoUnknown
from intake.models import (
    Classification,
    Client,
    Dependent,
    FileClosure,
    Incident,
    IncidentOffender,
    StabilityCheck,
)


def _check(client: Client, by, days_ago: int, point: str, **levels) -> None:
    when = timezone.localdate() - timedelta(days=days_ago)
    record_save(record=StabilityCheck(client=client, point=point, asked_on=when, **levels), by=by)


def seed_closings(staff: dict, rng: random.Random) -> None:
    """One file closed with an aftercare plan after stability grew, one reopened after
    an earlier closing, and answers that changed both ways on a file still open."""
    advocate, advocate2 = staff["advocate"], staff["advocate2"]
    closed, reopened = Client.objects.filter(created_by=advocate).order_by("-pk")[:2]
    (still_open,) = Client.objects.filter(created_by=advocate2).order_by("-pk")[:1]

    _check(
        closed,
        advocate,
        150,
        "intake",
        housing="in_crisis",
        income_work="in_crisis",
        safety="vulnerable",
        support_network="vulnerable",
        legal_status="not_asked",
    )
    _check(closed, advocate, 75, "review", housing="vulnerable", income_work="vulnerable",
           safety="stable", support_network="stable", legal_status="vulnerable",
           note="Started a job training program; the T visa application is in.")  # fmt: skip
    closing.close_file(
        client=closed,
        closure=FileClosure(
            closed_on=timezone.localdate() - timedelta(days=3),
            reason="services_complete",
            aftercare_contacts="The 24-hour hotline; her counselor at the clinic (Tuesdays).",
            aftercare_open="T visa decision expected in the spring: the legal clinic follows it.",
        ),
        stability=StabilityCheck(
            housing="stable",
            income_work="stable",
            education="stable",
            legal_status="vulnerable",
            safety="thriving",
            support_network="stable",
        ),  # fmt: skip
        by=advocate,
    )

    _check(reopened, advocate, 120, "intake", housing="vulnerable", safety="in_crisis")
    closing.close_file(
        client=reopened,
        closure=FileClosure(
            closed_on=timezone.localdate() - timedelta(days=90),
            reason="lost_contact",
            aftercare_contacts="The hotline number, saved in her phone under a code name.",
            aftercare_open="Follow-up exam not yet done.",
        ),
        stability=None,
        by=advocate,
    )
    closing.reopen_file(client=reopened, reason="Called the hotline after a move.", by=advocate)
    _check(reopened, advocate, 20, "review", housing="stable", safety="vulnerable")

    _check(still_open, advocate2, 100, "intake", housing="stable", support_network="thriving",
           education="vulnerable")  # fmt: skip
    _check(still_open, advocate2, 10, "review", housing="vulnerable", support_network="stable",
           education="stable")  # fmt: skip


def seed_incidents(staff: dict, rng: random.Random) -> None:
    """Two incidents for the first client of each advocate: one years ago, told in the
    client's words, and one with a month and a year and a case in court."""
    types = {c.code: c for c in Classification.objects.filter(kind="victimization")}
    for username in ("advocate", "advocate2"):
        advocate = staff[username]
        client = Client.objects.filter(created_by=advocate).order_by("pk").first()
        if client is None:
            continue
        services.incident_save(
            incident=Incident(
                client=client,
                when_described="as a teenager, over about two years",
                place="other_home",
                reported=YesNoUnknown.NO,
            ),
            offenders=[IncidentOffender(relationship="family", gender="male", age="35_49")],
            removed=[],
            types=[types["child_sexual_abuse"]],
            by=advocate,
        )
        services.incident_save(
            incident=Incident(
                client=client,
                year=2025,
                month=rng.randint(1, 9),
                place=rng.choice(["hotel", "brothel", "online"]),
                reported=YesNoUnknown.YES,
                arrest=YesNoUnknown.YES,
                charges="Trafficking in persons; promoting prostitution",
                charge_outcome=ChargeOutcome.PENDING,
                notes="Client wants to be told of every court date.",
            ),
            offenders=[
                IncidentOffender(relationship="trafficker", gender="male", age="25_34"),
                IncidentOffender(relationship="buyer", gender="male", age="not_known"),
            ],
            removed=[],
            types=[types["trafficking_sex"], types["adult_sexual_assault"]],
            by=advocate,
        )


def seed_dependents(staff: dict, rng: random.Random) -> None:
    """Children of the advocate's first two clients: two in the client's care, one with
    a grandmother (seed 004: 40% of the children live with their grandmothers)."""
    advocate = staff["advocate"]
    first, second = Client.objects.filter(created_by=advocate).order_by("id")[:2]
    children = [
        Dependent(
            client=first,
            name="D.",
            age=6,
            in_care="yes",
            custody="client",
            needs=["school", "counseling"],
            safety_concerns="The father has threatened to take her from school.",
        ),
        Dependent(
            client=first, age_range="0_4", in_care="yes", custody="client", needs=["childcare"]
        ),
        Dependent(client=second, age=11, in_care="no", custody="kinship", needs=["legal"]),
    ]
    for child in children:
        record_save(record=child, by=advocate)

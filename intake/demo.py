"""Demo incidents for `manage.py seed_demo` (registered in apps.py): invented, with no
names, as every incident is."""

import random

from intake import services
from intake.choices import ChargeOutcome, YesNoUnknown
from intake.models import Classification, Client, Incident, IncidentOffender


def seed(staff: dict, rng: random.Random) -> None:
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

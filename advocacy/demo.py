"""Demo advocacy records for `manage.py seed_demo` (registered in apps.py)."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from advocacy.models import (
    Appointment,
    GroupAttendance,
    GroupSession,
    LegalAdvocacy,
    MedicalAdvocacy,
    ServiceGoal,
    SupportGroup,
)
from crisis_center.records.services import record_save
from intake.models import Client


def seed(staff: dict, rng: random.Random) -> None:
    """Advocacy for the first clients of each advocate: some of it due this week."""
    today, now = timezone.localdate(), timezone.now()
    group = SupportGroup.objects.create(
        name="Tuesday peer circle", topic="Peer support for survivors of exploitation"
    )
    group.facilitators.add(staff["advocate2"])
    sessions = [
        GroupSession.objects.create(
            group=group, occurred_at=now - timedelta(weeks=w), topic=topic, duration_minutes=90
        )
        for w, topic in ((1, "Boundaries"), (2, "Trauma bonding"), (3, "Healthy relationships"))
    ]
    for session in sessions:  # a volunteer co-facilitates
        session.facilitators.set([staff["advocate2"], staff["volunteer"]])
    for username in ("advocate", "advocate2"):
        advocate = staff[username]
        for i, client in enumerate(Client.objects.filter(created_by=advocate)[:4]):
            record_save(
                record=MedicalAdvocacy(
                    client=client,
                    occurred_at=now - timedelta(days=10 + i),
                    duration_minutes=rng.choice([60, 90, 120, 180]),
                    facility_name="County General ER",
                    contacted=["client", "medical_staff"],
                    evidence_kit=rng.choice(["collected", "declined"]),
                    injury_assessment="done",
                    sti_testing="done",
                    stayed_for_exam="yes",
                    follow_up_by=today + timedelta(days=i * 3 - 2),
                ),
                by=advocate,
            )
            if i < 2:
                record_save(
                    record=LegalAdvocacy(
                        client=client,
                        occurred_at=now - timedelta(days=5),
                        duration_minutes=rng.choice([45, 60, 120]),
                        system="court",
                        matter="charges_against_client",
                        charge_outcome="pending",
                        court_date=now + timedelta(days=4 + i, hours=2),
                        advocate_present=True,
                    ),
                    by=advocate,
                )
            record_save(
                record=ServiceGoal(
                    client=client,
                    goal=rng.choice(
                        [
                            "I want my own apartment before winter.",
                            "Get my ID back so I can apply for jobs.",
                            "Finish my GED.",
                            "Sleep through the night again.",
                        ]
                    ),
                    target_date=today + timedelta(days=60),
                ),
                by=advocate,
            )
            for session in sessions[: 1 + i % 3]:
                record_save(record=GroupAttendance(client=client, session=session), by=advocate)
            _book(client, advocate, today, i)


BOOKINGS = [
    # (days from today, hour, kind, place, purpose)
    (1, 9, "court", "court", "Status hearing on the order of protection"),
    (1, 14, "medical", "hospital", "Follow-up visit after the exam"),
    (0, 16, "counseling", "center", "Weekly session"),
    (6, 10, "accompaniment", "police", "Statement to the detective"),
    (-7, 11, "counseling", "remote", "Check-in by video"),
]


def _book(client: Client, advocate, today, i: int) -> None:
    """A demo booking or two per client: some tomorrow (the reminders), one last week."""
    for days, hour, kind, place, purpose in BOOKINGS[i : i + 2]:
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        record_save(
            record=Appointment(
                client=client,
                kind=kind,
                place=place,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                staff=advocate,
                status="attended" if days < 0 else "scheduled",
                purpose=purpose,
            ),
            by=advocate,
        )

"""Demo closings and stability checks for `manage.py seed_demo` (registered in apps.py)."""

import random
from datetime import timedelta

from django.utils import timezone

from crisis_center.records.services import record_save
from intake import closing
from intake.models import Client, FileClosure, StabilityCheck


def _check(client: Client, by, days_ago: int, point: str, **levels) -> None:
    when = timezone.localdate() - timedelta(days=days_ago)
    record_save(record=StabilityCheck(client=client, point=point, asked_on=when, **levels), by=by)


def seed(staff: dict, rng: random.Random) -> None:
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

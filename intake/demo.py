"""Demo children and dependents for `manage.py seed_demo` (registered in apps.py)."""

import random

from crisis_center.records.services import record_save
from intake.models import Client, Dependent


def seed(staff: dict, rng: random.Random) -> None:
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

"""The demo data's registry: what each app adds to `manage.py seed_demo`.

The command (intake/management/commands/seed_demo.py) makes the demo logins and the
invented clients, then calls every seed registered here, in each app's
AppConfig.ready(), with the demo staff by username and one seeded random generator:
the command imports none of the apps that hang off intake, and this module no app.
"""

import random
from collections.abc import Callable

from crisis_center.models import User

Seed = Callable[[dict[str, User], random.Random], None]

EXTENSIONS: list[Seed] = []


def register(seed: Seed) -> None:
    EXTENSIONS.append(seed)

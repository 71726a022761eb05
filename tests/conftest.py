"""Named staff for every role, and two clients on two different caseloads.

`own_client` is on `advocate`'s care team; `other_client` on `advocate2`'s only.
"""

import importlib
from pathlib import Path

import pytest

from crisis_center.roles import Role
from tests import examples  # noqa: F401  (loads the Hypothesis profile before any test)
from tests.factories import ClientFactory, StaffFactory

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_sessionstart(session) -> None:
    """Tests of the client's language read the compiled catalogs: a missing or stale
    .mo would test English, or yesterday's Spanish, without a word."""
    for catalog in LOCALE.glob("*/LC_MESSAGES/django.po"):
        compiled = catalog.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < catalog.stat().st_mtime:
            raise pytest.UsageError(
                f"{compiled.relative_to(LOCALE.parent)} is missing or older than its .po: "
                "run `make install` (or `python manage.py compilemessages`, which needs "
                "GNU gettext's msgfmt) first."
            )


OWN_NAME = "Marisol-Own"
OTHER_NAME = "Juniper-Other"


@pytest.fixture
def advocate(db):
    return StaffFactory(username="advocate", role=Role.ADVOCATE, certified=True)


@pytest.fixture
def advocate2(db):
    return StaffFactory(username="advocate2", role=Role.ADVOCATE, certified=True)


@pytest.fixture
def trainee(db):
    return StaffFactory(username="trainee", role=Role.ADVOCATE)


@pytest.fixture
def supervisor(db):
    return StaffFactory(username="supervisor", role=Role.SUPERVISOR, certified=True)


@pytest.fixture
def coordinator(db):
    return StaffFactory(username="coordinator", role=Role.COORDINATOR)


@pytest.fixture
def administrator(db):
    return StaffFactory(username="admin", role=Role.ADMINISTRATOR, is_superuser=True)


@pytest.fixture
def own_client(advocate):
    return ClientFactory(pseudonym=OWN_NAME, created_by=advocate)


@pytest.fixture
def other_client(advocate2):
    return ClientFactory(pseudonym=OTHER_NAME, created_by=advocate2)


@pytest.fixture
def staff(advocate, advocate2, trainee, supervisor, coordinator, administrator):
    """Every named staff member, by username."""
    return {
        u.username: u
        for u in (advocate, advocate2, trainee, supervisor, coordinator, administrator)
    }


@pytest.fixture
def funder_lists(db):
    """The funder's lists come from a data migration. A live-server test flushes the
    database when it ends, and the serialized copy is not always restored before the
    next one (it depends on which tests ran before), so load them again if they went."""
    from django.apps import apps

    from intake.models import Classification

    if not Classification.objects.exists():
        importlib.import_module("intake.migrations.0002_seed_classifications").seed(apps, None)

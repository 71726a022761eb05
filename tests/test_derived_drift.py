"""Property (hypothesis): whatever sequence of writes staff make, the derived tables agree
with the records, with nothing to repair.

Random sequences of creates, edits, links and unlinks of contacts to clients, purges and
bulk QuerySet.update() calls on the counted models run through the app's services, and
some through the test client posting the forms a browser would; after each sequence
`recount --check` finds nothing to fix, and the service ledger equals a rebuild of it.
The number of examples is left to the hypothesis profile (tests/conftest.py: small for
`make test`, large for `make test-deep`).
"""

import io
import random
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.models import MedicalAdvocacy, ServiceGoal
from intake import service_ledger
from intake.choices import ClientStatus
from intake.models import CareTeamMember, Client, CrisisContact, Screening
from referrals.models import Referral
from tests.examples import examples
from tests.intake.test_counts import ACTIONS, World
from tests.intake.test_counts import resource as resource  # noqa: PLC0414  (a fixture)

pytestmark = pytest.mark.django_db


class Staff(World):
    """The writes of test_counts' World, and bulk updates and pages posted as well."""

    def __init__(self, staff, resource, rng, browser) -> None:
        super().__init__(staff, resource, rng)
        self.browser = browser  # signed in as the supervisor

    # Bulk updates past save(): the counted models' querysets keep the counts.
    def close_files_in_bulk(self):
        status = self.rng.choice(ClientStatus.values)
        Client.objects.filter(pk__in=self._some(Client)).update(status=status)

    def move_contacts_in_bulk(self):
        CrisisContact.objects.filter(pk__in=self._some(CrisisContact)).update(
            started_at=self.moment()
        )

    def link_contacts_in_bulk(self):
        client = self.pick(Client.objects.all())
        CrisisContact.objects.filter(pk__in=self._some(CrisisContact)).update(client=client)

    def end_assignments_in_bulk(self):
        CareTeamMember.objects.filter(pk__in=self._some(CareTeamMember)).update(ended_at=self.now)

    def follow_ups_in_bulk(self):
        MedicalAdvocacy.objects.update(follow_up_by=self.day())
        ServiceGoal.objects.filter(pk__in=self._some(ServiceGoal)).update(status="open")
        Referral.objects.update(outcome=self.rng.choice(["pending", "connected"]))

    def screenings_in_bulk(self):
        Screening.objects.update(indicators=[], screened_at=self.moment(45))

    def _some(self, model) -> list[int]:
        pks = list(model._base_manager.values_list("pk", flat=True))
        return self.rng.sample(pks, k=self.rng.randint(0, len(pks))) if pks else []

    # Through the pages, as a browser posts them.
    def post_contact(self):
        started = (self.now - timedelta(days=self.rng.randint(0, 20))).astimezone(
            timezone.get_current_timezone()
        )
        response = self.browser.post(
            reverse("contact_create"),
            {"started_at": started.strftime("%Y-%m-%dT%H:%M"), "caller_relation": "",
             "services": ["crisis_intervention"]},
        )  # fmt: skip
        assert response.status_code == 302

    def post_link(self):
        contact = self.pick(CrisisContact.objects.filter(client__isnull=True))
        client = self.pick(Client.objects.filter(purged_at__isnull=True))
        if contact and client:
            response = self.browser.post(
                reverse("contact_link", args=[contact.pk]),
                {"client": client.pk, "current": "", "confirm": "1"},
            )
            assert response.status_code == 302

    def post_unlink(self):
        if contact := self.pick(CrisisContact.objects.filter(client__isnull=False)):
            response = self.browser.post(
                reverse("contact_unlink", args=[contact.pk]), {"current": contact.client_id}
            )
            assert response.status_code == 302


STEPS = ACTIONS + [
    name for name in vars(Staff) if not name.startswith("_") and name not in ("pick",)
]


def assert_nothing_to_repair() -> None:
    call_command("recount", "--check", stdout=io.StringIO())  # CommandError if any differs
    assert service_ledger.differences() == []


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(STEPS), min_size=3, max_size=25), st.integers(0, 2**32))
def test_derived_tables_agree_with_the_records_after_any_writes(
    client, staff, resource, steps, seed
):
    client.force_login(staff["supervisor"])
    world = Staff(staff, resource, random.Random(seed), client)
    with transaction.atomic():  # every example starts from the same records
        for step in steps:
            getattr(world, step)()
        assert_nothing_to_repair()
        transaction.set_rollback(True)


def test_every_step_is_taken(client, staff, resource):
    client.force_login(staff["supervisor"])
    world = Staff(staff, resource, random.Random(3), client)
    for _ in range(2):
        for step in STEPS:
            getattr(world, step)()
        assert_nothing_to_repair()

"""The client page holds the survivor's whole situation (issue 21) in a fixed number of
queries: a file with 50 incidents, 20 dependents and 100 placements costs what a file
with one of each costs."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.models import Classification, Dependent, Incident, IncidentOffender, IncidentType
from referrals.models import HousingPlacement
from tests.factories import ClientFactory


def _situation(client, author, incidents: int, dependents: int, placements: int) -> None:
    made = Incident.objects.bulk_create(
        Incident(client=client, created_by=author, year=2020, place="hotel", notes=f"#{n}")
        for n in range(incidents)
    )
    IncidentOffender.objects.bulk_create(
        IncidentOffender(incident=incident, relationship=relationship)
        for incident in made
        for relationship in ("trafficker", "buyer")
    )
    kind = Classification.objects.filter(kind="victimization", is_non_answer=False).first()
    IncidentType.objects.bulk_create(
        IncidentType(incident=incident, classification=kind) for incident in made
    )
    Dependent.objects.bulk_create(
        Dependent(client=client, created_by=author, relationship="child", age=n % 18)
        for n in range(dependents)
    )
    today = timezone.localdate()
    HousingPlacement.objects.bulk_create(
        HousingPlacement(
            client=client,
            created_by=author,
            kind="emergency_shelter",
            date_in=today - timedelta(days=2 * n + 2),
            date_out=today - timedelta(days=2 * n + 1),
            ended="left",
        )
        for n in range(placements)
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_client_page_costs_the_same_with_50_incidents_20_dependents_100_placements(
    client, advocate, funder_lists
):
    small = ClientFactory(created_by=advocate)
    large = ClientFactory(created_by=advocate)
    _situation(small, advocate, incidents=1, dependents=1, placements=1)
    _situation(large, advocate, incidents=50, dependents=20, placements=100)
    client.force_login(advocate)
    few = _queries(client, reverse("client_detail", args=[small.pk]))
    many = _queries(client, reverse("client_detail", args=[large.pk]))
    # The timeline's page loads each kind it shows once: a file of many rows of a few
    # kinds may cost less than a file with one of each, never more.
    assert many <= few
    page = client.get(reverse("client_detail", args=[large.pk])).content.decode()
    assert page.count("Trafficker or pimp") < 50  # the sections are bounded, with a link on

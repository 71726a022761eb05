"""Appointments on the client file: booked from the client page in the center's time
zone, with a member of the care team who goes (a forged id refused), shown upcoming
first on the client page and on the timeline, and gone in a purge."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Appointment
from crisis_center.records.services import record_save
from tests.factories import ClientFactory
from tests.intake.test_purge import _purge, _tables_containing

pytestmark = pytest.mark.django_db

PURPOSE = "Hearing about Quillon-Vesper's order"
BOOKING = {
    "kind": "court",
    "starts_at": "2026-12-10T14:30",
    "ends_at": "2026-12-10T16:00",
    "place": "court",
    "status": "scheduled",
    "purpose": PURPOSE,
}


def _book(client, person, **changes):
    return client.post(reverse("appointment_create", args=[person.pk]), BOOKING | changes)


def test_an_advocate_books_a_court_date_in_local_time_and_finds_it_on_the_file(
    client, advocate, supervisor, own_client
):
    client.force_login(advocate)
    page = client.get(reverse("appointment_create", args=[own_client.pk]))
    # Who goes: the care team (the advocate who opened the file), the booker first.
    offered = {c.value for c, _ in page.context["form"].fields["staff"].choices if c}
    assert offered == {advocate.pk}
    assert page.context["form"]["staff"].value() == advocate.pk

    assert _book(client, own_client, staff=advocate.pk).status_code == 302
    booked = Appointment.objects.get()
    assert timezone.localtime(booked.starts_at).replace(tzinfo=None) == datetime(
        2026, 12, 10, 14, 30
    )
    assert (booked.staff, booked.created_by, booked.purpose) == (advocate, advocate, PURPOSE)
    assert booked.history.count() == 1

    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Court date" in body and "Thu Dec 10, 2026 14:30" in body
    assert reverse("appointment_detail", args=[booked.pk]) in body  # on the timeline too


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2026-12-10T14:00"}, "ends_at", "The end must be after the start."),
        ({"ends_at": "2026-12-11T09:00"}, "ends_at", "ends the day it starts"),
        ({"starts_at": "2026-02-30T10:00"}, "starts_at", "Enter a valid date/time."),
        ({"staff": "other"}, "staff", "Choose a member of this client's care team."),
        ({"staff": "9" * 30}, "staff", "Choose a member of this client's care team."),
    ],
)
def test_a_booking_that_cannot_be_is_refused_with_a_message(
    client, advocate, advocate2, own_client, changes, field, message
):
    if changes.get("staff") == "other":  # on another client's team, not this one's
        changes = {"staff": advocate2.pk}
    client.force_login(advocate)
    response = _book(client, own_client, **({"staff": advocate.pk} | changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Appointment.objects.exists()


def test_the_client_page_shows_what_is_coming_first(client, advocate, own_client):
    now = timezone.now()
    for days, purpose in ((-30, "Long past"), (-1, "Yesterday"), (20, "Later"), (2, "Soon")):
        record_save(
            record=Appointment(
                client=own_client, starts_at=now + timedelta(days=days), staff=advocate,
                purpose=purpose,
            ),
            by=advocate,
        )  # fmt: skip
    client.force_login(advocate)
    response = client.get(reverse("appointment_list", args=[own_client.pk]))
    listed = [a.purpose for a in response.context["page"].object_list]
    assert listed == ["Soon", "Later", "Yesterday", "Long past"]


def test_a_purge_leaves_no_appointment_text(client, advocate, supervisor):
    person = ClientFactory(pseudonym="Quillon-Vesper", created_by=advocate)
    client.force_login(advocate)
    assert _book(client, person, staff=advocate.pk).status_code == 302
    appointment = Appointment.objects.get()
    appointment.purpose = f"{PURPOSE}, moved"
    record_save(record=appointment, by=advocate)
    assert "advocacy_historicalappointment.purpose" in _tables_containing(PURPOSE)

    assert _purge(client, supervisor, person).status_code == 302
    assert not [t for t in _tables_containing(PURPOSE) if "appointment" in t]
    assert not _tables_containing("Quillon-Vesper")
    assert Appointment.objects.filter(client=person, kind="court").count() == 1  # the fact

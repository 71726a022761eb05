"""Hiding a choice (a victimization type a center never uses, an agency no longer a
partner, a staff member who left) takes it off new records' forms, never off the records
that have it: a record saved unchanged keeps it, and its form says it is no longer
offered."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CaseConference, CrossTraining, CrossTrainingAttendance
from crisis_center.models import TrainingRecord
from intake import services
from intake.models import Classification
from referrals.models import Agency, Resource
from tests.factories import StaffFactory, conference_records
from tests.page_forms import form_values

HIDDEN = "(no longer offered)"


def _classification(code: str) -> Classification:
    return Classification.objects.get(kind="victimization", code=code)


@pytest.fixture
def arson_hidden(own_client, advocate):
    """The client has two victimization types; then the center hides one of them."""
    kept, hidden = _classification("trafficking_sex"), _classification("arson")
    services.classifications_set(client=own_client, wanted=[kept, hidden], by=advocate)
    Classification.objects.filter(pk=hidden.pk).update(active=False)
    return hidden


def _codes(client) -> set[str]:
    return set(client.classifications.values_list("code", flat=True))


def test_a_client_saved_unchanged_keeps_a_hidden_victimization_type(
    client, advocate, own_client, arson_hidden
):
    client.force_login(advocate)
    url = reverse("client_edit", args=[own_client.pk])
    page = client.get(url).content.decode()
    assert f"Arson {HIDDEN}" in page

    response = client.post(url, form_values(page, "pseudonym"))

    assert response.status_code == 302
    assert _codes(own_client) == {"trafficking_sex", "arson"}
    assert not own_client.history.filter(history_type="-").exists()


def test_only_the_hidden_types_a_client_has_are_marked_and_the_active_unmarked(
    client, advocate, own_client, arson_hidden
):
    Classification.objects.filter(kind="victimization", code="robbery").update(active=False)
    client.force_login(advocate)
    form = client.get(reverse("client_edit", args=[own_client.pk])).context["form"]
    labels = dict(form.fields["victimization_types"].choices)
    shown = {str(label) for label in labels.values()}
    assert f"Arson {HIDDEN}" in shown
    assert "Human Trafficking: Sex" in shown
    assert not any("Robbery" in label for label in shown)  # hidden, and not this client's


def test_a_hidden_type_can_still_be_taken_off_on_purpose(
    client, advocate, own_client, arson_hidden
):
    client.force_login(advocate)
    url = reverse("client_edit", args=[own_client.pk])
    data = form_values(client.get(url).content.decode(), "pseudonym")
    data["victimization_types"] = [str(_classification("trafficking_sex").pk)]
    assert client.post(url, data).status_code == 302
    assert _codes(own_client) == {"trafficking_sex"}


def test_a_new_client_is_offered_only_the_active_types(client, advocate, arson_hidden):
    client.force_login(advocate)
    response = client.get(reverse("client_create"))
    assert "Arson" not in response.content.decode()
    response = client.post(
        reverse("client_create"),
        {"pseudonym": "Tamsin", "victimization_types": [arson_hidden.pk]},
    )
    assert response.status_code == 200
    assert "victimization_types" in response.context["form"].errors


def test_a_hidden_type_cannot_be_added_to_a_client_who_lacks_it(
    client, advocate2, other_client, arson_hidden
):
    client.force_login(advocate2)
    url = reverse("client_edit", args=[other_client.pk])
    data = form_values(client.get(url).content.decode(), "pseudonym")
    data["victimization_types"] = [str(arson_hidden.pk)]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "victimization_types" in response.context["form"].errors
    assert _codes(other_client) == set()


def test_a_cross_training_saved_unchanged_keeps_a_departed_staff_members_hours(client, coordinator):
    left = StaffFactory(username="left-in-june")
    training = CrossTraining.objects.create(
        topic="harm_reduction", hours=3, date=timezone.localdate() - timedelta(days=30)
    )
    client.force_login(coordinator)
    url = reverse("cross_training_edit", args=[training.pk])
    data = form_values(client.get(url).content.decode(), "topic")
    data["staff_attended"] = [str(left.pk)]
    assert client.post(url, data).status_code == 302
    left.is_active = False
    left.save()

    page = client.get(url).content.decode()
    assert HIDDEN in page
    assert client.post(url, form_values(page, "topic")).status_code == 302

    assert CrossTrainingAttendance.objects.filter(training=training, staff=left).exists()
    assert TrainingRecord.objects.filter(staff=left, hours=3).exists()


def test_a_case_conference_saved_unchanged_keeps_an_agency_no_longer_active(
    client, advocate, own_client
):
    conference = conference_records(own_client, advocate)["conference"]
    agency = conference.attending.get().agency
    Agency.objects.filter(pk=agency.pk).update(active=False)
    client.force_login(advocate)
    url = reverse("conference_edit", args=[own_client.pk, conference.pk])
    page = client.get(url).content.decode()
    assert f"{agency.name} {HIDDEN}" in page

    response = client.post(url, form_values(page, "held_at"))

    assert response.status_code == 302
    assert list(CaseConference.objects.get().attending.values_list("agency", flat=True)) == [
        agency.pk
    ]


def test_a_resource_of_an_agency_no_longer_active_saves_unchanged(client, coordinator):
    agency = Agency.objects.create(name="Closed shelter", active=False)
    resource = Resource.objects.create(agency=agency, name="Beds", category="emergency_housing")
    client.force_login(coordinator)
    url = reverse("resource_edit", args=[resource.pk])
    page = client.get(url).content.decode()
    assert f"Closed shelter {HIDDEN}" in page

    response = client.post(url, form_values(page, "name"))

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.agency == agency
    assert "Closed shelter" not in client.get(reverse("resource_create")).content.decode()

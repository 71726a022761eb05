"""Time given on every direct service: who gave it (staff who could, the logger by
default, a past giver kept on edit) and how long it took (whole minutes, 1 to 1440)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import CounselingSession, GroupSession, LegalAdvocacy, SupportGroup
from crisis_center.models import User
from crisis_center.roles import Role
from intake.models import CrisisContact
from tests.factories import StaffFactory, TrainingRecordFactory
from tests.page_forms import form_values

pytestmark = pytest.mark.django_db

NOW = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
LEGAL = {
    "occurred_at": NOW,
    "system": "court",
    "matter": "custody",
    "charge_outcome": "not_applicable",
    "duration_minutes": "30",
}


@pytest.fixture
def volunteer(db):
    return StaffFactory(username="vera", certified=True, is_volunteer=True)


def _offered(response, name: str = "given_by") -> set[int]:
    return {value.value for value, _ in response.context["form"].fields[name].choices}


def test_given_by_is_the_person_logging_it_unless_they_choose(client, advocate, own_client):
    client.force_login(advocate)
    url = reverse("legal_create", args=[own_client.pk])
    assert client.get(url).context["form"]["given_by"].value() == advocate.pk
    # A post without the field (a page from before it was asked): the logger gave it.
    assert client.post(url, LEGAL).status_code == 302
    record = LegalAdvocacy.objects.get()
    assert (record.given_by, record.created_by, record.duration_minutes) == (
        advocate, advocate, 30
    )  # fmt: skip


def test_a_volunteer_or_another_certified_person_can_be_chosen(
    client, advocate, advocate2, trainee, supervisor, coordinator, volunteer, own_client
):
    client.force_login(advocate)
    url = reverse("legal_create", args=[own_client.pk])
    offered = _offered(client.get(url))
    # Active, certified, in a care role: volunteers too; not a trainee or a coordinator.
    assert {advocate.pk, advocate2.pk, supervisor.pk, volunteer.pk} == offered
    assert client.post(url, LEGAL | {"given_by": volunteer.pk}).status_code == 302
    assert LegalAdvocacy.objects.get().given_by == volunteer


@pytest.mark.parametrize("forged", ["trainee", "coordinator", "gone", "10" * 20, "x"])
def test_a_forged_giver_is_refused_with_a_message(client, staff, own_client, forged):
    gone = StaffFactory(certified=True, is_active=False)
    ids = {"trainee": staff["trainee"].pk, "coordinator": staff["coordinator"].pk, "gone": gone.pk}
    client.force_login(staff["advocate"])
    response = client.post(
        reverse("legal_create", args=[own_client.pk]),
        LEGAL | {"given_by": ids.get(forged, forged)},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.context["form"].errors["given_by"][0]
    assert not LegalAdvocacy.objects.exists()


def test_counseling_is_given_only_by_counseling_certified_staff(
    client, advocate, advocate2, own_client
):
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    client.force_login(advocate)
    url = reverse("counseling_create", args=[own_client.pk])
    assert advocate2.pk not in _offered(client.get(url))  # 40 hours, no counseling hours
    data = {"occurred_at": NOW, "modality": "talk", "given_by": advocate2.pk}
    assert "given_by" in client.post(url, data).context["form"].errors
    assert not CounselingSession.objects.exists()


def test_a_giver_no_longer_offered_is_kept_and_labelled_on_edit(
    client, advocate, advocate2, own_client
):
    record = LegalAdvocacy.objects.create(
        client=own_client, created_by=advocate, given_by=advocate2, duration_minutes=20
    )
    User.objects.filter(pk=advocate2.pk).update(is_active=False)  # left the center
    client.force_login(advocate)
    url = reverse("legal_edit", args=[record.pk])
    page = client.get(url)
    assert f"{advocate2} (no longer offered)" in page.content.decode()
    data = {k: v[0] for k, v in form_values(page.content.decode(), "given_by").items()}
    assert client.post(url, data | {"outcome": "Continued"}).status_code == 302
    record.refresh_from_db()
    assert (record.given_by, record.outcome) == (advocate2, "Continued")


@pytest.mark.parametrize(
    ("typed", "saved", "message"),
    [
        ("1", 1, None),
        ("1440", 1440, None),
        ("", None, None),  # asked, not required: "time not recorded"
        ("0", None, "At least 1 minute."),
        ("1441", None, "At most 24 hours (1440 minutes)."),
        ("-5", None, "At least 1 minute."),
        ("1.5", None, "Enter a whole number."),
    ],
)
def test_duration_is_whole_minutes_from_1_to_1440(
    client, advocate, own_client, typed, saved, message
):
    client.force_login(advocate)
    response = client.post(
        reverse("legal_create", args=[own_client.pk]), LEGAL | {"duration_minutes": typed}
    )
    if message:
        assert response.status_code == 200
        assert message in response.context["form"].errors["duration_minutes"][0]
        assert not LegalAdvocacy.objects.exists()
    else:
        assert response.status_code == 302
        assert LegalAdvocacy.objects.get().duration_minutes == saved


def test_the_same_bounds_hold_on_a_crisis_contact(client, advocate, volunteer):
    client.force_login(advocate)
    url = reverse("contact_create")
    assert client.get(url).context["form"]["given_by"].value() == advocate.pk
    response = client.post(url, {"started_at": NOW, "duration_minutes": "1441"})
    assert "At most 24 hours" in response.context["form"].errors["duration_minutes"][0]
    response = client.post(
        url, {"started_at": NOW, "duration_minutes": "25", "given_by": volunteer.pk}
    )
    assert response.status_code == 302
    contact = CrisisContact.objects.get()
    assert (contact.advocate, contact.given_by, contact.duration_minutes) == (
        advocate, volunteer, 25
    )  # fmt: skip


def test_a_group_session_keeps_its_length_and_facilitators(client, advocate, advocate2, volunteer):
    group = SupportGroup.objects.create(name="Tuesday circle")
    client.force_login(advocate)
    page = client.get(reverse("group_detail", args=[group.pk]))
    assert page.context["form"]["facilitators"].value() == [advocate.pk]
    url = reverse("group_session_create", args=[group.pk])
    data = {
        "occurred_at": NOW,
        "duration_minutes": "90",
        "facilitators": [advocate2.pk, volunteer.pk],
    }
    assert client.post(url, data).status_code == 302
    session = GroupSession.objects.get()
    assert session.duration_minutes == 90
    assert set(session.facilitators.all()) == {advocate2, volunteer}
    # With none chosen (a browser then posts nothing for the list): refused, not taken
    # as the one adding it, and nothing saved.
    refused = client.post(url, {"occurred_at": NOW})
    assert refused.status_code == 200 and "facilitators" in refused.context["form"].errors
    assert GroupSession.objects.count() == 1


def test_an_administrator_marks_a_volunteer_in_staff_administration(client, administrator):
    person = StaffFactory(role=Role.COORDINATOR)
    client.force_login(administrator)
    assert (
        "Volunteer" in client.get(reverse("admin:crisis_center_user_changelist")).content.decode()
    )
    url = reverse("admin:crisis_center_user_change", args=[person.pk])
    page = client.get(url).content.decode()
    data = form_values(page, "username")
    data["is_volunteer"] = ["on"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.is_volunteer
    assert person.history.first().is_volunteer  # staff accounts keep their history

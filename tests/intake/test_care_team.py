"""Care teams: assigned by supervisors, only to certified staff, with their own history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from intake import services
from intake.models import CareTeamMember
from tests.factories import TrainingRecordFactory


def test_trainee_cannot_join_care_team(supervisor, trainee, own_client):
    with pytest.raises(ValidationError) as refused:
        services.care_team_add(client=own_client, staff=trainee, by=supervisor)
    assert "0 of the 40 hours" in str(refused.value)
    assert not CareTeamMember.objects.filter(staff=trainee).exists()


def test_care_team_form_says_why_it_refuses_a_trainee(client, supervisor, trainee, own_client):
    TrainingRecordFactory(staff=trainee, hours=12)
    client.force_login(supervisor)
    response = client.post(reverse("care_team", args=[own_client.pk]), {"staff": trainee.pk})
    assert response.status_code == 200
    assert "has 12 of the 40 hours" in response.content.decode()
    assert not CareTeamMember.objects.filter(staff=trainee).exists()


def test_trainee_joins_once_training_reaches_40_hours(supervisor, trainee, own_client):
    TrainingRecordFactory(staff=trainee, hours=24)
    TrainingRecordFactory(staff=trainee, hours=16)
    services.care_team_add(client=own_client, staff=trainee, by=supervisor)
    assert CareTeamMember.objects.active().filter(staff=trainee, client=own_client).exists()


def test_counseling_hours_do_not_count_toward_crisis_certification(trainee):
    TrainingRecordFactory(staff=trainee, topic="counseling", hours=60)
    assert not trainee.is_certified
    assert not trainee.is_counseling_certified


def test_counseling_certification_needs_20_more_hours(advocate):
    assert advocate.is_certified and not advocate.is_counseling_certified
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    del advocate.training  # cached per instance
    assert advocate.is_counseling_certified


@pytest.mark.parametrize("username", ["coordinator", "admin"])
def test_roles_without_client_access_cannot_join_a_care_team(staff, own_client, username):
    TrainingRecordFactory(staff=staff[username], hours=40)
    with pytest.raises(ValidationError, match="only advocates and supervisors"):
        services.care_team_add(client=own_client, staff=staff[username], by=staff["supervisor"])


def test_supervisor_assigns_an_advocate_who_then_sees_the_client(
    client, supervisor, advocate2, own_client
):
    client.force_login(advocate2)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 404

    client.force_login(supervisor)
    response = client.post(reverse("care_team", args=[own_client.pk]), {"staff": advocate2.pk})
    assert response.status_code == 302

    member = CareTeamMember.objects.get(client=own_client, staff=advocate2)
    assert member.created_by == supervisor
    assert member.history.get().history_user == supervisor
    client.force_login(advocate2)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 200


def test_removed_advocate_loses_access_and_the_assignment_is_kept(
    client, supervisor, advocate, own_client
):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    client.post(reverse("care_team_end", args=[own_client.pk, member.pk]))

    member.refresh_from_db()
    assert member.ended_by == supervisor and member.ended_at is not None
    assert member.history.latest().history_user == supervisor
    client.force_login(advocate)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 404


def test_ending_a_membership_needs_post(client, supervisor, advocate, own_client):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    response = client.get(reverse("care_team_end", args=[own_client.pk, member.pk]))
    assert response.status_code == 405
    assert CareTeamMember.objects.active().filter(pk=member.pk).exists()


def test_a_member_of_another_clients_team_cannot_be_ended_through_this_client(
    client, supervisor, own_client, other_client
):
    other_member = CareTeamMember.objects.get(client=other_client)
    client.force_login(supervisor)
    response = client.post(reverse("care_team_end", args=[own_client.pk, other_member.pk]))
    assert response.status_code == 404
    assert CareTeamMember.objects.active().filter(pk=other_member.pk).exists()


def test_the_same_person_cannot_be_added_twice(supervisor, advocate, own_client):
    with pytest.raises(ValidationError, match="already on the care team"):
        services.care_team_add(client=own_client, staff=advocate, by=supervisor)


def test_care_team_form_does_not_offer_current_members(client, supervisor, advocate, own_client):
    client.force_login(supervisor)
    form = client.get(reverse("care_team", args=[own_client.pk])).context["form"]
    assert advocate not in form.fields["staff"].queryset


def test_care_team_form_rejects_an_unknown_staff_id(client, supervisor, own_client):
    client.force_login(supervisor)
    response = client.post(reverse("care_team", args=[own_client.pk]), {"staff": "99999"})
    assert response.status_code == 200
    assert response.context["form"].errors["staff"]

"""Care teams: assigned by supervisors, only to certified staff, with their own history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from crisis_center.form_tokens import new_token
from crisis_center.roles import Role
from intake import services
from intake.models import CareTeamMember
from tests.factories import StaffFactory, TrainingRecordFactory


def test_trainee_cannot_join_care_team(supervisor, trainee, own_client):
    with pytest.raises(ValidationError) as refused:
        services.care_team_add(client=own_client, staff=trainee, by=supervisor)
    assert "0 of the 40 hours" in str(refused.value)
    assert not CareTeamMember.objects.filter(staff=trainee).exists()


def test_care_team_form_refuses_a_forged_trainee(client, supervisor, trainee, own_client):
    TrainingRecordFactory(staff=trainee, hours=12)
    client.force_login(supervisor)
    response = client.post(reverse("care_team", args=[own_client.pk]), {"staff": trainee.pk})
    assert response.status_code == 200
    assert "only active staff with 40 hours" in response.content.decode()
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
    client.post(reverse("care_team_end", args=[own_client.pk, member.pk]), {"confirm": "1"})

    member.refresh_from_db()
    assert member.ended_by == supervisor and member.ended_at is not None
    assert member.history.latest().history_user == supervisor
    client.force_login(advocate)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 404


def test_removing_asks_first_and_a_get_changes_nothing(client, supervisor, advocate, own_client):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    response = client.get(reverse("care_team_end", args=[own_client.pk, member.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Remove {advocate} from the care team?" in body
    assert "will no longer see this client" in body
    assert CareTeamMember.objects.active().filter(pk=member.pk).exists()


def test_a_removal_posted_without_confirming_changes_nothing(
    client, supervisor, advocate, own_client
):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    response = client.post(reverse("care_team_end", args=[own_client.pk, member.pk]))
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert CareTeamMember.objects.active().filter(pk=member.pk).exists()


def test_the_care_team_page_links_to_reassign_and_remove(client, supervisor, advocate, own_client):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    body = client.get(reverse("care_team", args=[own_client.pk])).content.decode()
    assert reverse("care_team_reassign", args=[own_client.pk, member.pk]) in body
    assert reverse("care_team_end", args=[own_client.pk, member.pk]) in body
    assert "<form" not in body.split("<tbody>")[1].split("</tbody>")[0]  # nothing acts at once


def test_a_member_of_another_clients_team_cannot_be_ended_through_this_client(
    client, supervisor, own_client, other_client
):
    other_member = CareTeamMember.objects.get(client=other_client)
    client.force_login(supervisor)
    response = client.post(
        reverse("care_team_end", args=[own_client.pk, other_member.pk]), {"confirm": "1"}
    )
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


def test_care_team_form_offers_only_staff_who_may_join(
    client, staff, supervisor, trainee, own_client
):
    TrainingRecordFactory(staff=trainee, hours=39.5)
    gone = StaffFactory(username="gone", role=Role.ADVOCATE, certified=True, is_active=False)
    client.force_login(supervisor)
    offered = set(
        client.get(reverse("care_team", args=[own_client.pk]))
        .context["form"]
        .fields["staff"]
        .queryset
    )
    assert offered == {staff["advocate2"], supervisor}
    assert trainee not in offered and gone not in offered


# Reassigning: one step, confirmed, audited ------------------------------------------


def _reassign(client, own_client, member, staff_member, **extra):
    return client.post(
        reverse("care_team_reassign", args=[own_client.pk, member.pk]),
        {"staff": staff_member.pk, **extra},
    )


def test_reassigning_moves_the_place_in_one_step(
    client, supervisor, advocate, advocate2, own_client
):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    response = _reassign(client, own_client, member, advocate2, confirm="on")
    assert response.status_code == 302
    assert response.url == reverse("care_team", args=[own_client.pk])

    member.refresh_from_db()
    assert member.ended_by == supervisor and member.ended_at is not None
    new = CareTeamMember.objects.active().get(client=own_client)
    assert new.staff == advocate2 and new.created_by == supervisor
    # History: the old row's closing and the new row's creation, both by the supervisor
    # and both saying it was a reassignment.
    closed, added = member.history.latest(), new.history.get()
    assert closed.history_user == added.history_user == supervisor
    assert closed.history_change_reason == added.history_change_reason == services.REASSIGNED
    assert closed.ended_at is not None and added.history_type == "+"

    client.force_login(advocate)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 404
    client.force_login(advocate2)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 200


def test_the_reassign_page_says_what_will_happen(client, supervisor, advocate, own_client):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    response = client.get(reverse("care_team_reassign", args=[own_client.pk, member.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{advocate} leaves the care team and no longer sees this file" in body
    assert 'type="checkbox"' in body and 'method="post"' in body


def test_reassigning_without_confirming_saves_nothing(
    client, supervisor, advocate, advocate2, own_client
):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    response = _reassign(client, own_client, member, advocate2)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tick the box to confirm the reassignment." in body
    assert "Nothing was changed" in body
    assert list(CareTeamMember.objects.filter(client=own_client)) == [member]
    assert member.history.count() == 1


def test_reassigning_needs_post(client, supervisor, advocate, advocate2, own_client):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    url = reverse("care_team_reassign", args=[own_client.pk, member.pk])
    client.get(url, {"staff": advocate2.pk, "confirm": "on"})
    assert list(CareTeamMember.objects.filter(client=own_client)) == [member]


def test_reassigning_to_a_forged_trainee_is_refused(
    client, supervisor, advocate, trainee, own_client
):
    TrainingRecordFactory(staff=trainee, hours=20)
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    page = client.get(reverse("care_team_reassign", args=[own_client.pk, member.pk]))
    assert trainee not in page.context["form"].fields["staff"].queryset

    response = _reassign(client, own_client, member, trainee, confirm="on")
    assert response.status_code == 200
    assert "only active staff with 40 hours" in response.content.decode()
    assert list(CareTeamMember.objects.filter(client=own_client)) == [member]
    assert CareTeamMember.objects.active().filter(pk=member.pk).exists()


def test_a_reassignment_sent_twice_saves_once(client, supervisor, advocate, advocate2, own_client):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    token = new_token()
    first = _reassign(client, own_client, member, advocate2, confirm="on", form_token=token)
    again = _reassign(client, own_client, member, advocate2, confirm="on", form_token=token)
    assert first.status_code == 302
    assert again.status_code == 200
    assert "already saved" in again.content.decode()
    assert CareTeamMember.objects.filter(client=own_client).count() == 2
    assert CareTeamMember.objects.filter(client=own_client, staff=advocate2).count() == 1


def test_a_member_who_left_meanwhile_is_not_reassigned(
    client, supervisor, advocate, advocate2, own_client
):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    services.care_team_end(member=member, by=supervisor)
    client.force_login(supervisor)
    response = _reassign(client, own_client, member, advocate2, confirm="on")
    assert response.status_code == 200
    assert "no longer on this care team" in response.content.decode()
    assert not CareTeamMember.objects.filter(staff=advocate2).exists()
    response = client.get(reverse("care_team_reassign", args=[own_client.pk, member.pk]))
    assert response.status_code == 302


def test_a_member_of_another_clients_team_cannot_be_reassigned_through_this_client(
    client, supervisor, advocate, own_client, other_client
):
    other_member = CareTeamMember.objects.get(client=other_client)
    client.force_login(supervisor)
    response = _reassign(client, own_client, other_member, advocate, confirm="on")
    assert response.status_code == 404
    assert CareTeamMember.objects.active().filter(pk=other_member.pk).exists()


@pytest.mark.parametrize("username", ["advocate", "advocate2", "trainee", "coordinator", "admin"])
def test_only_supervisors_reassign(client, staff, own_client, username):
    member = CareTeamMember.objects.get(client=own_client)
    client.force_login(staff[username])
    target = staff["advocate2"] if username != "advocate2" else staff["supervisor"]
    response = _reassign(client, own_client, member, target, confirm="on")
    assert response.status_code == 404
    assert list(CareTeamMember.objects.filter(client=own_client)) == [member]


def test_reassigning_runs_a_fixed_number_of_queries(
    client, supervisor, advocate, advocate2, own_client, django_assert_max_num_queries
):
    member = CareTeamMember.objects.get(client=own_client, staff=advocate)
    client.force_login(supervisor)
    # Sign-in and session, the client through the door (and its access-log row) with its
    # team, the member (locked), the offered staff, the form token, the new row and the
    # old row with their history rows and the counts the care team feeds.
    with django_assert_max_num_queries(32):
        assert _reassign(client, own_client, member, advocate2, confirm="on").status_code == 302

"""The administrator manages accounts but never gains client access by it.

An administrator cannot change their own role; a role that opens client files (advocate,
supervisor) or staff administration takes effect only when someone other than the one
who asked approves it (a supervisor, or a second administrator), and the request is
kept with who asked, who decided and when. A password an administrator chose for
someone else removes that person's two-factor devices and holds their client access
until a supervisor confirms that the person themselves signed in again.
"""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from crisis_center.models import User
from crisis_center.roles import Role
from tests.conftest import OWN_NAME
from tests.crisis_center.test_login import PASSWORD
from tests.factories import StaffFactory

NEW_PASSWORD = "a-fresh-long-passphrase-7"


def _values(form) -> dict:
    """What a form posts as it stands (checkboxes only when ticked)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        elif value is not None:
            data[form.add_prefix(name)] = value
    return data


def _change_form_data(client, user: User) -> dict:
    """What the admin's change form for `user` posts when nothing is edited."""
    response = client.get(reverse("admin:crisis_center_user_change", args=[user.pk]))
    data = _values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= _values(formset.management_form)
        for form in formset.initial_forms:
            data |= _values(form)
    return data


def _edit(client, user: User, **changes):
    data = _change_form_data(client, user) | changes
    return client.post(reverse("admin:crisis_center_user_change", args=[user.pk]), data)


def _add_account(client, username: str, role: str):
    """The admin's add form, as a browser posts it (the training inline included)."""
    return client.post(
        reverse("admin:crisis_center_user_add"),
        {
            "username": username,
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "role": role,
            "training_records-TOTAL_FORMS": "0",
            "training_records-INITIAL_FORMS": "0",
        },
    )


def _ask_role(client, staff: User, role: str):
    return client.post(
        reverse("admin:crisis_center_rolechangerequest_add"), {"staff": staff.pk, "role": role}
    )


# -- The administrator's own role ------------------------------------------------------


def test_administrator_cannot_raise_their_own_role_in_the_admin(client, administrator, own_client):
    client.force_login(administrator)
    _edit(client, administrator, role=Role.SUPERVISOR)
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    assert response.status_code == 404
    assert OWN_NAME not in response.content.decode()


def test_administrator_cannot_ask_a_role_for_themselves(client, administrator):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    response = _ask_role(client, administrator, Role.SUPERVISOR)
    assert response.status_code == 200
    assert not RoleChangeRequest.objects.exists()


# -- Granting a role that opens client files -------------------------------------------


def test_administrator_cannot_grant_a_client_seeing_role_alone(client, administrator, coordinator):
    client.force_login(administrator)
    response = _edit(client, coordinator, role=Role.ADVOCATE, first_name="Renamed")
    assert response.status_code == 200
    assert "approv" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR
    assert coordinator.first_name != "Renamed"  # the form came back; nothing was saved


def test_administrator_can_still_take_a_role_away(client, administrator, advocate):
    client.force_login(administrator)
    assert _edit(client, advocate, role=Role.COORDINATOR).status_code == 302
    advocate.refresh_from_db()
    assert advocate.role == Role.COORDINATOR


def test_a_new_account_cannot_be_made_with_a_client_seeing_role(client, administrator):
    client.force_login(administrator)
    for role in (Role.ADVOCATE, Role.SUPERVISOR, Role.ADMINISTRATOR):
        assert _add_account(client, f"new-{role}", role).status_code == 200
    assert not User.objects.filter(username__startswith="new-").exists()
    assert _add_account(client, "new-coordinator", Role.COORDINATOR).status_code == 302


def test_making_a_second_administrator_needs_approval_too(client, administrator, coordinator):
    # Otherwise an administrator could make a second administrator of their own to
    # approve what they asked for.
    client.force_login(administrator)
    assert _edit(client, coordinator, role=Role.ADMINISTRATOR).status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


def test_a_role_takes_effect_only_when_a_supervisor_approves(
    client, administrator, supervisor, coordinator
):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    assert _ask_role(client, coordinator, Role.ADVOCATE).status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR
    asked = RoleChangeRequest.objects.get()
    assert (asked.staff, asked.role, asked.requested_by) == (
        coordinator,
        Role.ADVOCATE,
        administrator,
    )
    assert asked.decision == RoleChangeRequest.Decision.PENDING

    client.force_login(supervisor)
    queue = client.get(reverse("staff_approvals")).content.decode()
    assert f"<strong>{coordinator}</strong>" in queue
    assert "to become <strong>advocate</strong>" in queue
    response = client.post(reverse("role_request_approve", args=[asked.pk]))
    assert response.status_code == 302

    coordinator.refresh_from_db()
    assert coordinator.role == Role.ADVOCATE
    asked.refresh_from_db()
    assert asked.decision == RoleChangeRequest.Decision.APPROVED
    assert asked.decided_by == supervisor and asked.decided_at is not None


def test_the_one_who_asked_cannot_approve(client, administrator, coordinator):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    _ask_role(client, coordinator, Role.SUPERVISOR)
    asked = RoleChangeRequest.objects.get()
    client.post(reverse("role_request_approve", args=[asked.pk]))
    coordinator.refresh_from_db()
    asked.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR
    assert asked.decision == RoleChangeRequest.Decision.PENDING


def test_a_second_administrator_can_approve(client, administrator, coordinator):
    from crisis_center.models import RoleChangeRequest

    second = StaffFactory(username="admin2", role=Role.ADMINISTRATOR)
    client.force_login(administrator)
    _ask_role(client, coordinator, Role.ADVOCATE)
    client.force_login(second)
    client.post(reverse("role_request_approve", args=[RoleChangeRequest.objects.get().pk]))
    coordinator.refresh_from_db()
    assert coordinator.role == Role.ADVOCATE


def test_nobody_approves_a_role_for_themselves(client, administrator, supervisor):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    _ask_role(client, supervisor, Role.ADMINISTRATOR)
    client.force_login(supervisor)
    client.post(reverse("role_request_approve", args=[RoleChangeRequest.objects.get().pk]))
    supervisor.refresh_from_db()
    assert supervisor.role == Role.SUPERVISOR


def test_a_refused_request_changes_nothing_and_is_kept(
    client, administrator, supervisor, coordinator
):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    _ask_role(client, coordinator, Role.SUPERVISOR)
    asked = RoleChangeRequest.objects.get()
    client.force_login(supervisor)
    client.post(reverse("role_request_refuse", args=[asked.pk]))
    client.post(reverse("role_request_approve", args=[asked.pk]))  # decided once only
    coordinator.refresh_from_db()
    asked.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR
    assert asked.decision == RoleChangeRequest.Decision.REFUSED
    assert asked.decided_by == supervisor


@pytest.mark.parametrize("username", ["advocate", "trainee", "coordinator"])
def test_only_supervisors_and_administrators_see_or_decide_requests(
    client, staff, administrator, username
):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    _ask_role(client, staff["coordinator"], Role.ADVOCATE)
    asked = RoleChangeRequest.objects.get()
    client.force_login(staff[username])
    assert client.get(reverse("staff_approvals")).status_code == 404
    assert client.post(reverse("role_request_approve", args=[asked.pk])).status_code == 404
    asked.refresh_from_db()
    assert asked.decision == RoleChangeRequest.Decision.PENDING


def test_deciding_is_post_only(client, administrator, supervisor, coordinator):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    _ask_role(client, coordinator, Role.ADVOCATE)
    client.force_login(supervisor)
    pk = RoleChangeRequest.objects.get().pk
    assert client.get(reverse("role_request_approve", args=[pk])).status_code == 405
    assert client.get(reverse("role_request_refuse", args=[pk])).status_code == 405


# -- Other doors: superuser flags, two-factor devices ----------------------------------


def test_two_factor_devices_are_not_in_staff_administration(client, administrator):
    # A device the administrator made for someone else would pass their second step.
    client.force_login(administrator)
    for path in ("/admin/otp_totp/totpdevice/add/", "/admin/otp_static/staticdevice/add/"):
        assert client.get(path).status_code == 404


def test_a_superuser_flag_opens_no_client(client, administrator, advocate2, own_client):
    client.force_login(administrator)
    _edit(client, advocate2, is_superuser="on")
    client.force_login(advocate2)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 404
    assert client.get(reverse("admin:index")).status_code == 302


# -- Passwords the administrator sets ---------------------------------------------------


def _set_password(client, staff: User):
    return client.post(
        reverse("admin:auth_user_password_change", args=[staff.pk]),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_a_password_reset_removes_the_staff_members_two_factor_devices_and_is_recorded(
    client, administrator, supervisor, advocate
):
    TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    StaticDevice.objects.create(user=advocate, name="Recovery codes")
    client.force_login(administrator)
    assert _set_password(client, advocate).status_code == 302

    assert not TOTPDevice.objects.filter(user=advocate).exists()
    assert not StaticDevice.objects.filter(user=advocate).exists()
    from crisis_center.models import PasswordReset

    reset = PasswordReset.objects.get()
    assert (reset.staff, reset.by, reset.kind) == (advocate, administrator, "reset")
    assert reset.confirmed_by is None

    client.force_login(supervisor)
    queue = client.get(reverse("staff_approvals")).content.decode()
    assert str(advocate) in queue and str(administrator) in queue


def test_a_password_the_administrator_chose_opens_no_client_until_a_supervisor_confirms(
    client, administrator, supervisor, advocate, own_client
):
    """The administrator who set the password could sign in as the advocate and enrol
    an authenticator of their own: the account sees no client until a supervisor has
    seen the advocate back in person."""
    client.force_login(administrator)
    _set_password(client, advocate)
    client.logout()
    signed_in = client.post(reverse("login"), {"username": "advocate", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    assert response.status_code == 404
    assert OWN_NAME not in client.get(reverse("home")).content.decode()
    from crisis_center.models import PasswordReset

    client.force_login(administrator)  # the one who set it cannot confirm it
    reset = PasswordReset.objects.get()
    client.post(reverse("staff_password_confirm", args=[reset.pk]))
    advocate.refresh_from_db()
    client.force_login(advocate)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 404

    client.force_login(supervisor)
    assert client.post(reverse("staff_password_confirm", args=[reset.pk])).status_code == 302
    reset.refresh_from_db()
    assert reset.confirmed_by == supervisor and reset.confirmed_at is not None
    client.force_login(advocate)
    assert client.get(reverse("client_detail", args=[own_client.pk])).status_code == 200


def test_a_new_account_with_a_password_the_administrator_chose_is_held(
    client, administrator, supervisor
):
    from crisis_center.models import PasswordReset, RoleChangeRequest

    client.force_login(administrator)
    assert _add_account(client, "newhire", "").status_code == 302
    newhire = User.objects.get(username="newhire")
    assert newhire.access_held
    assert PasswordReset.objects.get(staff=newhire).kind == "new_account"

    _ask_role(client, newhire, Role.ADVOCATE)
    client.force_login(supervisor)
    client.post(reverse("role_request_approve", args=[RoleChangeRequest.objects.get().pk]))
    newhire.refresh_from_db()
    assert newhire.role == Role.ADVOCATE and newhire.access_held


def test_a_held_supervisor_decides_nothing(client, administrator, supervisor, coordinator):
    from crisis_center.models import RoleChangeRequest

    client.force_login(administrator)
    _set_password(client, supervisor)
    _ask_role(client, coordinator, Role.ADVOCATE)
    supervisor.refresh_from_db()
    client.force_login(supervisor)
    assert client.get(reverse("staff_approvals")).status_code == 404
    client.post(reverse("role_request_approve", args=[RoleChangeRequest.objects.get().pk]))
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


def test_changing_ones_own_password_in_the_admin_holds_nothing(client, administrator):
    from crisis_center.models import PasswordReset

    TOTPDevice.objects.create(user=administrator, name="phone", confirmed=True)
    client.force_login(administrator)
    assert _set_password(client, administrator).status_code == 302
    administrator.refresh_from_db()
    assert not administrator.access_held
    assert TOTPDevice.objects.filter(user=administrator).exists()
    assert not PasswordReset.objects.exists()


def test_the_old_password_no_longer_signs_in(client, administrator, advocate):
    client.force_login(administrator)
    _set_password(client, advocate)
    client.logout()
    response = client.post(reverse("login"), {"username": "advocate", "password": PASSWORD})
    assert response.status_code == 200


# -- The queue stays small to load ----------------------------------------------------


def test_the_approval_queue_runs_a_fixed_number_of_queries(
    client, administrator, supervisor, django_assert_max_num_queries
):
    from crisis_center.models import PasswordReset, RoleChangeRequest

    def add(n: int) -> None:
        for _ in range(n):
            someone = StaffFactory(role=Role.COORDINATOR)
            RoleChangeRequest.objects.create(
                staff=someone, role=Role.ADVOCATE, requested_by=administrator
            )
            PasswordReset.objects.create(staff=someone, by=administrator, kind="reset")

    client.force_login(supervisor)
    add(2)
    # session, user, pending requests, unconfirmed passwords, recent decisions (each
    # with its staff in one join), the session's save, and two savepoints around each.
    with django_assert_max_num_queries(11):
        small = client.get(reverse("staff_approvals"))
    add(30)
    with django_assert_max_num_queries(11):
        large = client.get(reverse("staff_approvals"))
    assert small.status_code == large.status_code == 200


# -- A new installation: the first supervisor -----------------------------------------


def test_the_first_supervisor_is_made_on_the_servers_command_line(client, administrator):
    """With no supervisor and one administrator, nobody could approve anything: the
    operator, who holds the server and its database anyway, grants the first role."""
    from django.core.management import call_command

    from crisis_center.models import PasswordReset

    client.force_login(administrator)
    _add_account(client, "firstsup", "")
    call_command("grant_role", "firstsup", "supervisor", stdout=None)

    firstsup = User.objects.get(username="firstsup")
    assert firstsup.role == Role.SUPERVISOR and not firstsup.access_held
    reset = PasswordReset.objects.get(staff=firstsup)
    assert reset.confirmed_at is not None and reset.confirmed_by is None


def test_granting_a_role_on_the_command_line_refuses_an_unknown_name_or_role(db, advocate):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("grant_role", "nobody", "supervisor")
    with pytest.raises(CommandError):
        call_command("grant_role", "advocate", "king")

"""Only administrators manage staff; their role still shows them no client."""

import pytest
from django.urls import reverse

from crisis_center.models import User
from crisis_center.roles import Role


def test_administrator_manages_staff_in_the_admin(client, administrator, trainee):
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert (
        client.get(reverse("admin:crisis_center_user_change", args=[trainee.pk])).status_code == 200
    )
    assert client.get(reverse("admin:crisis_center_trainingrecord_add")).status_code == 200


@pytest.mark.parametrize("username", ["advocate", "supervisor", "coordinator"])
def test_other_roles_cannot_reach_staff_administration(client, staff, username):
    client.force_login(staff[username])
    response = client.get(reverse("admin:crisis_center_user_changelist"))
    assert response.status_code == 302
    assert "login" in response.url


def test_a_superuser_without_the_administrator_role_is_not_let_in(client, db):
    user = User.objects.create_user("root", password="x" * 12, role=Role.ADVOCATE)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_createsuperuser_makes_an_administrator(db):
    user = User.objects.create_superuser("boss", "boss@example.org", "x" * 12)
    assert user.role == Role.ADMINISTRATOR
    assert user.is_staff


def test_admin_access_follows_the_role(db):
    user = User.objects.create_user("x", role=Role.ADMINISTRATOR)
    assert user.is_staff
    user.role = Role.ADVOCATE
    user.save()
    assert not user.is_staff


def test_staff_cannot_be_deleted_only_deactivated(client, administrator, trainee):
    client.force_login(administrator)
    response = client.get(reverse("admin:crisis_center_user_delete", args=[trainee.pk]))
    assert response.status_code == 403


def test_administrator_home_shows_no_client(client, administrator, own_client):
    client.force_login(administrator)
    body = client.get(reverse("home")).content.decode()
    assert own_client.pseudonym not in body
    assert "Staff administration" in body


def test_admin_pages_name_no_client(client, administrator, own_client):
    client.force_login(administrator)
    for url in (reverse("admin:index"), reverse("admin:crisis_center_user_changelist")):
        assert own_client.pseudonym not in client.get(url).content.decode()


def test_page_titles_are_plain_text(client, staff, own_client):
    """A title holds words only: a stray block once put whole sections in it."""
    import re

    pages = {"coordinator": ["home"], "advocate": ["home", "client_list"], "admin": ["home"]}
    for username, names in pages.items():
        client.force_login(staff[username])
        for name in names:
            body = client.get(reverse(name)).content.decode()
            title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
            assert "<" not in title and "\n" not in title, (username, name, title)
    client.force_login(staff["advocate"])
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert re.search(r"<title>(.*?)</title>", body, re.S).group(1).count("\n") == 0

"""The center settings page (crisis_center/center.py): administrators only, one row,
its name in every page's header, read once per request."""

import pytest
from django.urls import reverse

from crisis_center import center
from crisis_center.center import CenterSettings


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("advocate", 404),
        ("supervisor", 404),
        ("coordinator", 404),
        ("trainee", 404),
        ("admin", 200),
    ],
)
def test_only_administrators_open_the_settings(client, staff, username, status):
    client.force_login(staff[username])
    assert client.get(reverse("center_settings")).status_code == status
    posted = client.post(reverse("center_settings"), {"name": "Taken over"})
    assert posted.status_code == (302 if status == 200 else 404)
    assert CenterSettings.objects.filter(name="Taken over").exists() == (status == 200)


def test_the_name_is_saved_as_typed_and_shown_in_every_header(client, staff):
    client.force_login(staff["admin"])
    data = {"name": "  Rivers Rape Crisis Center  ", "hotline": "555-0100", "address": ""}
    response = client.post(reverse("center_settings"), data)
    assert response.status_code == 302
    saved = CenterSettings.objects.get()
    assert (saved.pk, saved.name, saved.hotline) == (1, "Rivers Rape Crisis Center", "555-0100")
    client.force_login(staff["advocate"])
    page = client.get(reverse("home")).content.decode()
    assert "Rivers Rape Crisis Center</a>" in page
    assert "· Rivers Rape Crisis Center</title>" in page


def test_a_blank_name_is_refused_and_nothing_saved(client, staff):
    client.force_login(staff["admin"])
    response = client.post(reverse("center_settings"), {"name": "   ", "hotline": "1"})
    assert response.status_code == 200
    assert "Give the center a name." in response.content.decode()
    assert not CenterSettings.objects.exists()


def test_an_unknown_field_key_is_refused(client, staff):
    client.force_login(staff["admin"])
    data = {"name": "C", "not_collected": ["client.shoe_size"]}
    assert client.post(reverse("center_settings"), data).status_code == 200
    assert not CenterSettings.objects.exists()


def test_saving_twice_keeps_one_row(client, staff):
    client.force_login(staff["admin"])
    for name in ("One", "Two"):
        client.post(reverse("center_settings"), {"name": name})
    assert list(CenterSettings.objects.values_list("pk", "name")) == [(1, "Two")]
    assert CenterSettings.history.count() == 2


def test_without_a_row_the_default_name_is_used_and_nothing_is_written(client, staff):
    client.force_login(staff["advocate"])
    assert f"{center.DEFAULT_NAME}</a>" in client.get(reverse("home")).content.decode()
    assert not CenterSettings.objects.exists()


def test_the_settings_are_read_once_per_request(client, staff, django_assert_max_num_queries):
    client.force_login(staff["admin"])
    with django_assert_max_num_queries(20) as counted:
        client.get(reverse("center_settings"))
    reads = [q for q in counted.captured_queries if "center_centersettings" in q["sql"]]
    assert len(reads) == 1

"""Rule 4: every change is versioned with the acting user; every read is logged."""

import pytest
from django.urls import reverse

from crisis_center.models import AccessLog
from intake.models import Client
from tests.intake.test_client_pages import DEFAULTS


def test_editing_a_client_as_advocate_records_advocate_in_history(client, advocate, own_client):
    client.force_login(advocate)
    client.post(
        reverse("client_edit", args=[own_client.pk]),
        DEFAULTS | {"pseudonym": "Marisol R.", "safe_to_text": "no"},
    )
    latest = own_client.history.latest()
    assert latest.history_user == advocate
    assert latest.history_type == "~"
    assert latest.pseudonym == "Marisol R."
    assert latest.prev_record.pseudonym == own_client.pseudonym


def test_opening_a_client_detail_page_adds_an_access_log_row(client, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("client_detail", args=[own_client.pk]))
    row = AccessLog.objects.get()
    assert row.user == advocate
    assert row.client_id == own_client.pk
    assert row.view_name == "client_detail"
    assert row.path == f"/clients/{own_client.pk}/"


def test_a_refused_client_page_logs_nothing(client, advocate, other_client):
    client.force_login(advocate)
    client.get(reverse("client_detail", args=[other_client.pk]))
    assert not AccessLog.objects.exists()


def test_access_log_is_append_only(advocate, own_client):
    row = AccessLog.objects.create(user=advocate, client_id=own_client.pk, view_name="x", path="/")
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AccessLog.objects.filter(pk=row.pk).update(view_name="y")
    with pytest.raises(TypeError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().view_name == "x"


def test_supervisor_sees_field_changes_and_who_viewed(client, supervisor, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("client_detail", args=[own_client.pk]))
    client.post(
        reverse("client_edit", args=[own_client.pk]),
        DEFAULTS | {"pseudonym": own_client.pseudonym, "safe_to_call": "no", "code_word": "tulip"},
    )

    client.force_login(supervisor)
    body = client.get(reverse("client_history", args=[own_client.pk])).content.decode()
    assert "<strong>Safe to call</strong>: Not asked → No" in body
    assert "<strong>Code word</strong>: — → tulip" in body
    assert "Opened the file" in body
    # The access-log section lists the advocate's visit, by page, in words.
    views = body[body.index("Who viewed this file") :]
    assert str(advocate) in views
    assert "Client file" in views


def test_classification_changes_are_in_history(client, supervisor, advocate, own_client):
    from intake.models import Classification

    stalking = Classification.objects.get(kind="victimization", code="stalking_harassment")
    client.force_login(advocate)
    client.post(
        reverse("client_edit", args=[own_client.pk]),
        DEFAULTS | {"pseudonym": own_client.pseudonym, "victimization_types": [stalking.pk]},
    )
    client.post(
        reverse("client_edit", args=[own_client.pk]),
        DEFAULTS | {"pseudonym": own_client.pseudonym},
    )
    client.force_login(supervisor)
    body = client.get(reverse("client_history", args=[own_client.pk])).content.decode()
    assert f"{advocate} added “Stalking/Harassment”" in body
    assert f"{advocate} removed “Stalking/Harassment”" in body


def test_client_models_are_not_in_the_admin():
    from django.contrib import admin

    registered = {m._meta.app_label for m in admin.site._registry}
    assert "intake" not in registered
    assert Client not in admin.site._registry

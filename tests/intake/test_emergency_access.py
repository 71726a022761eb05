"""Break the glass (DESIGN.md rule 5): find nothing by name, get in by what the caller
knows, for a limited time, logged as emergency, reviewed by a supervisor."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis_center.models import AccessLog
from intake.models import EmergencyAccess, EmergencyLookup
from tests.conftest import OTHER_NAME


@pytest.fixture
def caller(other_client):
    other_client.code_word = "Sunflower"
    other_client.save()
    return other_client


def _ask(client, **data):
    base = {"pseudonym": OTHER_NAME, "reason": "Caller in crisis, her advocate is off shift"}
    return client.post(reverse("emergency_access"), base | data)


def test_an_advocate_finds_nothing_by_name_but_gets_in_with_name_and_code_word(
    client, advocate, caller
):
    client.force_login(advocate)
    assert OTHER_NAME not in client.get(reverse("client_list"), {"q": "Juniper"}).content.decode()
    assert client.get(reverse("client_detail", args=[caller.pk])).status_code == 404

    response = _ask(client, code_word="sunflower")
    assert response.url == reverse("client_detail", args=[caller.pk])
    grant = EmergencyAccess.objects.get()
    assert grant.user == advocate and grant.reviewed_at is None
    hours = (grant.expires_at - grant.granted_at).total_seconds() / 3600
    assert round(hours) == 12

    assert client.get(reverse("client_detail", args=[caller.pk])).status_code == 200
    view = AccessLog.objects.filter(client_id=caller.pk, user=advocate).get()
    assert view.emergency


def test_the_client_number_works_with_the_name_but_never_alone(client, advocate, caller):
    client.force_login(advocate)
    response = _ask(client, pseudonym="", client_number=caller.pk)
    assert response.status_code == 200 and not EmergencyAccess.objects.exists()
    response = _ask(client, client_number=caller.pk)
    assert response.url == reverse("client_detail", args=[caller.pk])


def test_wrong_lookups_reveal_nothing_and_are_rate_limited(client, advocate, caller, settings):
    client.force_login(advocate)
    wrong_word = _ask(client, code_word="tulip").content.decode()
    wrong_name = _ask(client, pseudonym="Nobody", code_word="sunflower").content.decode()
    for body in (wrong_word, wrong_name):
        assert "No client matches those details." in body
        assert OTHER_NAME not in body.replace(f'value="{OTHER_NAME}"', "")
    for _ in range(settings.EMERGENCY_LOOKUPS_PER_HOUR - 2):
        _ask(client, code_word="guess")
    response = _ask(client, code_word="sunflower")  # right, but too late
    assert "Too many lookups" in response.content.decode()
    assert not EmergencyAccess.objects.exists()
    assert (
        EmergencyLookup.objects.filter(user=advocate).count() == settings.EMERGENCY_LOOKUPS_PER_HOUR
    )


def test_emergency_access_expires_on_time(client, advocate, caller):
    client.force_login(advocate)
    _ask(client, code_word="Sunflower")
    grant = EmergencyAccess.objects.get()
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    assert client.get(reverse("client_detail", args=[caller.pk])).status_code == 404


def test_the_advocate_own_clients_are_not_marked_emergency(client, advocate, own_client):
    client.force_login(advocate)
    client.get(reverse("client_detail", args=[own_client.pk]))
    assert not AccessLog.objects.get().emergency


@pytest.mark.parametrize("username", ["trainee", "supervisor", "coordinator", "admin"])
def test_only_trained_advocates_break_the_glass(client, staff, caller, username):
    client.force_login(staff[username])
    assert client.get(reverse("emergency_access")).status_code in (403, 404)
    assert _ask(client, code_word="sunflower").status_code in (403, 404)
    assert not EmergencyAccess.objects.exists()


def test_supervisors_review_each_grant_with_a_comment(client, advocate, supervisor, caller):
    client.force_login(advocate)
    _ask(client, code_word="sunflower")
    grant = EmergencyAccess.objects.get()
    client.force_login(supervisor)
    assert "1 emergency access waiting for review" in client.get(reverse("home")).content.decode()
    queue = client.get(reverse("emergency_review_list")).content.decode()
    assert "Caller in crisis" in queue and OTHER_NAME in queue

    client.post(reverse("emergency_review", args=[grant.pk]), {"comment": ""})
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    client.post(
        reverse("emergency_review", args=[grant.pk]), {"comment": "Confirmed with shift lead"}
    )
    grant.refresh_from_db()
    assert grant.reviewed_by == supervisor and grant.review_comment == "Confirmed with shift lead"
    assert "waiting for review" not in client.get(reverse("home")).content.decode()


def test_the_emergency_form_refuses_garbage(client, advocate):
    client.force_login(advocate)
    response = client.post(
        reverse("emergency_access"),
        {"pseudonym": "", "client_number": "-4", "reason": "short", "code_word": "x" * 500},
    )
    assert set(response.context["form"].errors) >= {
        "pseudonym",
        "client_number",
        "reason",
        "code_word",
    }
    assert not EmergencyLookup.objects.exists()

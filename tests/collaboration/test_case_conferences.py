"""Case conferences (recommendation 2: case conferencing tables; DESIGN.md rule 6).

Held only with a valid release for every agency at the table; de-identified by default.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration import services
from collaboration.models import CaseConference, ConferenceAction, ConferenceAgency
from crisis_center.models import AccessLog
from intake import purge
from referrals.models import Agency, ReleaseOfInformation
from tests.factories import conference_records, referral_records


@pytest.fixture
def release(own_client, advocate):
    return referral_records(own_client, advocate)["release"]


def _post(release, **overrides) -> dict:
    local = timezone.localtime()
    return {
        "held_at": local.strftime("%Y-%m-%dT%H:%M"),
        "format": "video",
        "place": "Monthly table",
        "agencies": [release.agency_id],
        "other_attendees": "Housing case manager",
        "presented_as": "Client A",
        "presented_summary": "Adult survivor, needs housing before winter.",
        "needs_discussed": "Housing",
        "decisions": "Shelter checks for a bed",
    } | overrides


def _create(client, own_client, data):
    return client.post(reverse("conference_create", args=[own_client.pk]), data)


def test_a_conference_is_recorded_with_the_release_that_covers_each_agency(
    client, advocate, own_client, release
):
    client.force_login(advocate)
    response = _create(client, own_client, _post(release))
    assert response.status_code == 302
    conference = CaseConference.objects.get()
    assert not conference.identify_client
    row = ConferenceAgency.objects.get()
    assert (row.agency, row.release) == (release.agency, release)
    assert conference.history.get().history_user == advocate


def test_an_agency_without_a_valid_release_is_refused_by_name(
    client, advocate, own_client, release
):
    other = Agency.objects.create(name="Safe Harbor Shelter")
    client.force_login(advocate)
    response = _create(client, own_client, _post(release, agencies=[release.agency_id, other.pk]))
    assert response.status_code == 200
    day = timezone.localdate()
    assert (
        f"No valid release of information for Safe Harbor Shelter on {day:%b %-d, %Y}: "
        "record one before the conference." in response.content.decode()
    )
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize("problem", ["revoked", "expired", "not_yet_given", "other_client"])
def test_a_release_that_is_not_valid_on_the_day_does_not_count(
    client, advocate, own_client, other_client, release, problem
):
    today = timezone.localdate()
    changes = {
        "revoked": {"revoked_at": timezone.now()},
        "expired": {"given_on": today - timedelta(days=40), "expires_on": today - timedelta(1)},
        "not_yet_given": {"given_on": today + timedelta(days=1)},
        "other_client": {"client": other_client},
    }[problem]
    ReleaseOfInformation.objects.filter(pk=release.pk).update(**changes)
    client.force_login(advocate)
    response = _create(client, own_client, _post(release))
    assert response.status_code == 200
    assert "No valid release of information for Harbor Legal Aid" in response.content.decode()
    assert not CaseConference.objects.exists()


def test_the_release_is_checked_on_the_conference_date_not_today(
    client, advocate, own_client, release
):
    past = timezone.localtime() - timedelta(days=30)  # before the release was given
    ReleaseOfInformation.objects.filter(pk=release.pk).update(given_on=timezone.localdate())
    client.force_login(advocate)
    response = _create(client, own_client, _post(release, held_at=past.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 200
    assert not CaseConference.objects.exists()


def test_the_service_refuses_a_conference_with_no_agency(own_client, advocate):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.conference_save(
            conference=CaseConference(client=own_client, presented_summary="x"),
            agencies=[],
            by=advocate,
        )


def test_the_shared_summary_shows_the_alias_by_default(client, advocate, own_client, release):
    records = conference_records(own_client, advocate)
    client.force_login(advocate)
    url = reverse("conference_summary", args=[own_client.pk, records["conference"].pk])
    body = client.get(url).content.decode()
    assert "Client A" in body
    assert own_client.pseudonym not in body
    assert "Harbor Legal Aid" in body and "Call the shelter" in body


def test_the_shared_summary_names_the_client_only_when_identified(
    client, advocate, own_client, release
):
    conference = conference_records(own_client, advocate)["conference"]
    CaseConference.objects.filter(pk=conference.pk).update(identify_client=True)
    client.force_login(advocate)
    body = client.get(
        reverse("conference_summary", args=[own_client.pk, conference.pk])
    ).content.decode()
    assert own_client.pseudonym in body


def test_a_de_identified_summary_cannot_name_the_client(client, advocate, own_client, release):
    client.force_login(advocate)
    data = _post(release, presented_summary=f"{own_client.pseudonym} needs housing.")
    response = _create(client, own_client, data)
    assert response.status_code == 200
    assert "This names the client" in response.content.decode()
    assert not CaseConference.objects.exists()
    data["identify_client"] = "on"
    assert _create(client, own_client, data).status_code == 302


def test_action_items_are_added_and_marked_done(client, advocate, own_client, release):
    conference = conference_records(own_client, advocate)["conference"]
    client.force_login(advocate)
    response = client.post(
        reverse("conference_action_create", args=[own_client.pk, conference.pk]),
        {"description": "Apply for the T visa", "owner_agency": release.agency_id},
    )
    assert response.status_code == 302
    item = ConferenceAction.objects.get(description="Apply for the T visa")
    assert item.client == own_client and item.owner_agency == release.agency
    client.post(reverse("conference_action_done", args=[own_client.pk, conference.pk, item.pk]))
    item.refresh_from_db()
    assert item.done_at is not None


def test_an_action_item_owner_is_an_agency_at_the_table(client, advocate, own_client, release):
    conference = conference_records(own_client, advocate)["conference"]
    elsewhere = Agency.objects.create(name="Not at the table")
    client.force_login(advocate)
    response = client.post(
        reverse("conference_action_create", args=[own_client.pk, conference.pk]),
        {"description": "Something", "owner_agency": elsewhere.pk},
    )
    assert response.status_code == 200
    assert ConferenceAction.objects.count() == 1


def test_the_client_page_lists_conferences_and_open_action_items(
    client, advocate, own_client, release
):
    conference_records(own_client, advocate)
    client.force_login(advocate)
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Case conferences" in body
    assert "Call the shelter" in body
    assert "Case conference</a> (in person) recorded by" in body  # the timeline entry


def test_opening_a_conference_is_in_the_access_log(client, advocate, own_client, release):
    conference = conference_records(own_client, advocate)["conference"]
    client.force_login(advocate)
    client.get(reverse("conference_detail", args=[own_client.pk, conference.pk]))
    assert AccessLog.objects.filter(
        client_id=own_client.pk, user=advocate, view_name="conference_detail"
    ).exists()


def test_a_conference_under_another_client_is_a_404(
    client, supervisor, advocate, own_client, other_client, release
):
    conference = conference_records(own_client, advocate)["conference"]
    client.force_login(supervisor)
    url = reverse("conference_detail", args=[other_client.pk, conference.pk])
    assert client.get(url).status_code == 404


def test_a_purge_scrubs_conferences_and_action_items(advocate, supervisor, own_client, release):
    records = conference_records(own_client, advocate)
    purge.purge_client(client=own_client, by=supervisor, reason="client_request")
    conference = CaseConference.objects.get(pk=records["conference"].pk)
    assert conference.presented_summary == purge.PURGED
    assert ConferenceAction.objects.get().description == purge.PURGED
    assert not CaseConference.history.filter(client_id=own_client.pk).exists()


@pytest.mark.parametrize(
    ("page", "ceiling"),
    [
        # session, user, savepoint, the conference with client and author, access-log
        # insert (+1 emergency-grant check for an advocate), release; savepoint, session
        # save, release. Then the agencies with their releases and the action items;
        # the detail page's action form lists our staff with training hours.
        ("conference_detail", 15),
        ("conference_summary", 12),
        ("conference_edit", 14),  # the form's agencies (initial and choices)
    ],
)
def test_conference_pages_run_a_fixed_number_of_queries(
    client, advocate, own_client, release, django_assert_max_num_queries, page, ceiling
):
    conference = conference_records(own_client, advocate)["conference"]
    client.force_login(advocate)
    url = reverse(page, args=[own_client.pk, conference.pk])
    for n in (1, 20):
        for i in range(n):
            ConferenceAction.objects.create(
                client=own_client, conference=conference, created_by=advocate, description=f"{i}"
            )
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200

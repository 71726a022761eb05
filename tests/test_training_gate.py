"""DESIGN.md rule 3 across the access matrix: every page of a client's file that changes
something asks for the training, so a new write cannot forget it; a page that only shows
asks for none, and the one write that must not wait for training says why."""

import pytest
from django.urls import reverse

from crisis_center.models import TrainingRecord
from tests.test_access_matrix import CLIENT_URLS, records  # noqa: F401 (the matrix's records)

# Writes that ask for no training, and why.
NO_TRAINING = {
    # DESIGN.md rule 6: a release is revocable; sharing stops the moment anyone who can
    # see the release hears the client withdraw it, whatever their training.
    "release_revoke",
}


def _shows_only(name: str) -> bool:
    return name.endswith(("_detail", "_summary", "_list", "_download"))


@pytest.mark.parametrize("name", sorted(CLIENT_URLS))
def test_every_write_to_a_file_needs_the_training(client, advocate, own_client, name):
    """`advocate` is on own_client's care team; their training record is withdrawn (entered
    in error): they still see the file, and may change nothing in it."""
    url = CLIENT_URLS[name]
    TrainingRecord.objects.filter(staff=advocate, topic="crisis_intervention").delete()
    client.force_login(advocate)

    kwargs = url.target(own_client, advocate)
    response = getattr(client, url.method)(reverse(name, kwargs=kwargs), url.data(own_client))

    if "advocate" not in url.allowed:
        expected = 404
    elif _shows_only(name) or name in NO_TRAINING:
        expected = url.ok
    else:
        expected = 403
    assert response.status_code == expected
    if expected == 403:
        assert "Training needed first" in response.content.decode()


def test_the_gate_passes_pages_that_only_show():
    shown = {name for name in CLIENT_URLS if _shows_only(name)}
    assert {
        "client_detail", "contact_detail", "release_detail", "conference_summary", "incident_list"
    } <= shown  # fmt: skip
    assert {"dependent_list", "housing_list"} <= shown
    assert not {n for n in CLIENT_URLS if n.endswith(("_edit", "_create", "_done"))} & shown


def test_updating_a_referral_needs_the_training(client, advocate, own_client):
    """The referral's page shows to the whole care team (a read above); its form's POST
    writes the outcome."""
    referral = own_client.referrals.get()
    TrainingRecord.objects.filter(staff=advocate, topic="crisis_intervention").delete()
    client.force_login(advocate)
    url = reverse("referral_detail", kwargs={"pk": referral.pk})
    response = client.post(url, {"outcome": "connected"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.outcome == "pending"

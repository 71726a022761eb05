"""Releases of information and referrals (DESIGN.md rule 6: consent before sharing)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from crisis_center.records.services import save_as
from referrals.models import Referral, ReleaseOfInformation
from tests.conftest import OWN_NAME
from tests.factories import ContactFactory, referral_records


@pytest.fixture
def setup(advocate, own_client):
    return referral_records(own_client, advocate)


def _share(client_record, resource, advocate, on=None) -> Referral:
    referral = Referral(
        client=client_record,
        resource=resource,
        created_by=advocate,
        identifying_info_shared=True,
        referred_on=on or timezone.localdate(),
    )
    save_as(referral, advocate)
    return referral


def test_sharing_identifying_information_needs_a_valid_release(advocate, own_client, setup):
    setup["release"].delete()
    with pytest.raises(ValidationError, match="No valid release of information"):
        _share(own_client, setup["resource"], advocate)


def test_a_valid_release_allows_sharing_with_that_agency(advocate, own_client, setup):
    referral = _share(own_client, setup["resource"], advocate)
    assert referral.release == setup["release"]


def test_sharing_is_refused_after_the_release_expires(advocate, own_client, setup):
    release = setup["release"]
    after = release.expires_on + timedelta(days=1)
    with pytest.raises(ValidationError, match="No valid release"):
        _share(own_client, setup["resource"], advocate, on=after)


def test_sharing_is_refused_after_the_release_is_revoked(client, advocate, own_client, setup):
    client.force_login(advocate)
    client.post(reverse("release_revoke", args=[setup["release"].pk]))
    setup["release"].refresh_from_db()
    assert setup["release"].revoked_by == advocate
    with pytest.raises(ValidationError, match="No valid release"):
        _share(own_client, setup["resource"], advocate)


def test_a_release_for_another_agency_does_not_cover_this_one(advocate, own_client, setup):
    from referrals.models import Agency

    setup["release"].agency = Agency.objects.create(name="Other agency")
    setup["release"].save()
    with pytest.raises(ValidationError, match="No valid release"):
        _share(own_client, setup["resource"], advocate)


def test_the_referral_form_refuses_sharing_without_a_release_and_saves_nothing(
    client, advocate, own_client, setup
):
    setup["release"].delete()
    Referral.objects.all().delete()
    client.force_login(advocate)
    url = reverse("referral_create", args=[own_client.pk]) + f"?resource={setup['resource'].pk}"
    response = client.post(
        url,
        {
            "referred_on": timezone.localdate().isoformat(),
            "kind": "warm_handoff",
            "identifying_info_shared": "on",
            "outcome": "pending",
        },
    )
    assert response.status_code == 200
    assert "No valid release of information covers this agency" in response.content.decode()
    assert not Referral.objects.exists()


def test_an_information_only_referral_from_the_form(client, advocate, own_client, setup):
    Referral.objects.all().delete()
    client.force_login(advocate)
    url = reverse("referral_create", args=[own_client.pk]) + f"?resource={setup['resource'].pk}"
    data = {
        "referred_on": timezone.localdate().isoformat(),
        "kind": "information",
        "outcome": "pending",
    }
    assert client.post(url, data).status_code == 302
    referral = Referral.objects.get()
    assert not referral.identifying_info_shared
    assert referral.history.get().history_user == advocate


def test_a_referral_from_an_anonymous_call(client, advocate, advocate2, setup):
    contact = ContactFactory(advocate=advocate)
    client.force_login(advocate)
    url = (
        reverse("contact_referral_create", args=[contact.pk]) + f"?resource={setup['resource'].pk}"
    )
    data = {
        "referred_on": timezone.localdate().isoformat(),
        "kind": "information",
        "outcome": "pending",
    }
    assert client.post(url, data).status_code == 302
    referral = Referral.objects.get(contact=contact)
    assert referral.client is None
    assert list(Referral.objects.visible_to(advocate).filter(contact=contact)) == [referral]
    assert not Referral.objects.visible_to(advocate2).filter(contact=contact).exists()
    # An anonymous caller's referral can never carry identifying information.
    referral.identifying_info_shared = True
    with pytest.raises(ValidationError, match="information only"):
        referral.full_clean()


def test_a_referral_without_a_resource_id_is_a_404_not_a_crash(client, advocate, own_client):
    client.force_login(advocate)
    for query in ("", "?resource=abc", "?resource=999999"):
        url = reverse("referral_create", args=[own_client.pk]) + query
        assert client.get(url).status_code == 404


def test_not_connected_needs_a_reason(client, advocate, own_client, setup):
    client.force_login(advocate)
    url = reverse("referral_detail", args=[setup["referral"].pk])
    data = {"referred_on": timezone.localdate().isoformat(), "kind": "information"}
    response = client.post(url, data | {"outcome": "not_connected"})
    assert "Say why the client was not connected." in response.content.decode()
    client.post(url, data | {"outcome": "not_connected", "outcome_reason": "Waitlist full"})
    setup["referral"].refresh_from_db()
    assert setup["referral"].outcome_reason == "Waitlist full"


def test_release_form_refuses_garbage_and_a_release_longer_than_a_year(
    client, advocate, own_client, setup
):
    ReleaseOfInformation.objects.all().delete()
    client.force_login(advocate)
    url = reverse("release_create", args=[own_client.pk])
    assert "revocable at any time" in client.get(url).content.decode()
    garbage = {"agency": "x", "purpose": "", "form": "telepathy", "given_on": "yesterday"}
    response = client.post(url, garbage)
    assert set(response.context["form"].errors) >= {"agency", "purpose", "form", "given_on"}
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "agency": setup["agency"].pk,
            "purpose": "Housing",
            "information": "Name",
            "form": "written",
            "given_on": today.isoformat(),
            "expires_on": (today + timedelta(days=800)).isoformat(),
        },
    )
    assert "A release lasts at most one year." in response.content.decode()
    assert not ReleaseOfInformation.objects.exists()


def test_coordinator_sees_the_directory_and_agreements_but_no_referrals_client(
    client, coordinator, own_client, setup
):
    client.force_login(coordinator)
    assert client.get(reverse("directory")).status_code == 200
    assert client.get(reverse("agreement_list")).status_code == 200
    assert client.get(reverse("referral_detail", args=[setup["referral"].pk])).status_code == 404
    # Nor through the directory's "refer this client" mode.
    response = client.get(reverse("directory"), {"client": own_client.pk})
    assert response.status_code == 404
    assert OWN_NAME not in response.content.decode()


def test_client_page_lists_releases_and_referrals_and_the_timeline_has_them(
    client, advocate, own_client, setup
):
    client.force_login(advocate)
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    body = response.content.decode()
    assert "Harbor Legal Aid" in body and "valid until" in body
    kinds = {e.kind for e in response.context["timeline"].entries}
    assert {"referral", "release"} <= kinds


def test_a_partner_agency_as_the_clients_referral_source(client, advocate, own_client, setup):
    from referrals.models import IncomingReferral

    setup["incoming_referral"].delete()  # the one the setup made: this test adds its own
    client.force_login(advocate)
    url = reverse("incoming_referral_create", args=[own_client.pk])
    page = client.get(url).content.decode()
    assert "Referred by a partner agency" in page
    assert "revocable" not in page  # the release of information's wording is not for this
    assert client.post(url, {"agency": "nope", "received_on": "x"}).status_code == 200
    assert not IncomingReferral.objects.exists()
    data = {"agency": setup["agency"].pk, "received_on": timezone.localdate().isoformat()}
    assert client.post(url, data).status_code == 302
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Referred to us by Harbor Legal Aid" in body

"""No lost work: a second concurrent save never silently overwrites the first."""

from django.urls import reverse

from advocacy.models import MedicalAdvocacy
from tests.factories import advocacy_records
from tests.intake.test_client_pages import DEFAULTS


def test_a_second_concurrent_save_is_refused_with_both_versions_shown(
    client, advocate, supervisor, own_client
):
    url = reverse("client_edit", args=[own_client.pk])
    client.force_login(advocate)
    loaded = client.get(url).context["form"]["version"].value()  # the advocate opens the form

    client.force_login(supervisor)  # meanwhile the supervisor saves a change
    version = client.get(url).context["form"]["version"].value()
    client.post(
        url,
        DEFAULTS | {"pseudonym": own_client.pseudonym, "code_word": "tulip", "version": version},
    )

    client.force_login(advocate)  # the advocate saves what they typed
    mine = DEFAULTS | {
        "pseudonym": own_client.pseudonym,
        "code_word": "sunflower",
        "version": loaded,
    }
    response = client.post(url, mine)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this record while you were editing it." in body
    assert ("Code word", "tulip", "sunflower") in response.context["form"].conflict
    own_client.refresh_from_db()
    assert own_client.code_word == "tulip"  # nothing overwritten

    # The form now carries the new version: saving again is a deliberate merge.
    merged = mine | {"version": response.context["form"]["version"].value()}
    assert client.post(url, merged).status_code == 302
    own_client.refresh_from_db()
    assert own_client.code_word == "sunflower"


def test_edit_forms_of_other_records_refuse_a_stale_save(client, advocate, own_client):
    record = advocacy_records(own_client, advocate)["medical"]
    url = reverse("medical_edit", args=[record.pk])
    client.force_login(advocate)
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["occurred_at"] = "2026-11-01T10:00"
    data["contacted"] = []
    MedicalAdvocacy.objects.filter(pk=record.pk).update(facility_name="Changed meanwhile")
    record.refresh_from_db()
    record.save()  # bumps updated_at, as any save does
    response = client.post(url, data | {"facility_name": "Mine"})
    assert "Someone else saved this record" in response.content.decode()
    record.refresh_from_db()
    assert record.facility_name == "Changed meanwhile"

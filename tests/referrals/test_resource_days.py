"""The days a resource is open: seven checkboxes named in words, stored as today."""

from datetime import time

from django.urls import reverse
from django.utils import timezone

from referrals.models import Agency, Resource
from tests.html_forms import only_post_form


def _resource(**fields) -> Resource:
    agency = Agency.objects.create(name="Eastside Health", phone="555-0100")
    fields = {"name": "Clinic", "category": "health", "opens_at": time(9)} | fields
    return Resource.objects.create(agency=agency, closes_at=time(17), **fields)


def test_the_days_are_seven_checkboxes_monday_to_sunday(client, coordinator, db):
    client.force_login(coordinator)
    response = client.get(reverse("resource_create"))
    days = [c for c in only_post_form(response).controls if c.name == "days"]
    assert [(c.type, c.value) for c in days] == [("checkbox", str(n)) for n in range(7)]
    html = response.content.decode()
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert f"{name}\n" in html or f">{name}<" in html or f" {name} " in html, name
    assert "01234" not in html


def test_ticked_days_are_saved_as_weekday_numbers_and_shown_ticked_again(client, coordinator, db):
    resource = _resource(days="")
    client.force_login(coordinator)
    url = reverse("resource_edit", args=[resource.pk])
    data = only_post_form(client.get(url)).data() | {"days": ["4", "0", "2"]}
    assert client.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert resource.days == "024"
    assert resource.hours_text.startswith("Mon, Wed, Fri")

    shown = only_post_form(client.get(url))
    assert [c.value for c in shown.controls if c.name == "days" and c.checked] == ["0", "2", "4"]


def test_a_save_that_keeps_the_same_days_keeps_the_stored_text(client, coordinator, db):
    resource = _resource(days="40", last_verified=timezone.localdate())  # as imported
    client.force_login(coordinator)
    url = reverse("resource_edit", args=[resource.pk])
    form = only_post_form(client.get(url))
    assert sorted(c.value for c in form.controls if c.name == "days" and c.checked) == ["0", "4"]
    assert client.post(url, form.data()).status_code == 302
    resource.refresh_from_db()
    assert resource.days == "40"


def test_no_day_ticked_is_no_days(client, coordinator, db):
    resource = _resource(days="0123456")
    client.force_login(coordinator)
    url = reverse("resource_edit", args=[resource.pk])
    data = {k: v for k, v in only_post_form(client.get(url)).data().items() if k != "days"}
    assert client.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert resource.days == ""

"""Outreach: no client identities, logged by advocates too, summed by month in SQL."""

from datetime import date

import pytest
from django.db import models
from django.urls import reverse

from collaboration.forms import OutreachLogForm
from collaboration.models import OutreachLog
from intake.models import Client, CrisisContact


def test_no_outreach_field_links_to_a_client():
    related = {f.related_model for f in OutreachLog._meta.get_fields() if f.is_relation}
    assert not related & {Client, CrisisContact}
    assert all(
        not issubclass(m, models.Model) or m._meta.app_label != "intake" for m in related if m
    )


def test_outreach_form_says_not_to_write_names():
    form = OutreachLogForm()
    for name in ("location_note", "follow_ups"):
        assert "Do not write the names" in str(form.fields[name].help_text)


def _post(client, **overrides):
    data = {
        "date": "2026-01-15",
        "location_type": "street",
        "people_reached": "7",
        "hotline_cards": "20",
        "hygiene_kits": "5",
        "snacks": "10",
        "condoms": "30",
        "other_materials": "0",
    } | overrides
    return client.post(reverse("outreach_create"), data)


def test_advocate_logs_outreach_as_its_author(client, advocate):
    client.force_login(advocate)
    assert _post(client).status_code == 302
    assert OutreachLog.objects.get().created_by == advocate


@pytest.mark.parametrize("username", ["trainee", "supervisor", "coordinator"])
def test_staff_who_do_outreach_may_log_it(client, staff, username):
    client.force_login(staff[username])
    assert _post(client).status_code == 302


def test_administrator_may_not_log_outreach(client, administrator):
    client.force_login(administrator)
    assert _post(client).status_code == 404
    assert not OutreachLog.objects.exists()


def test_other_materials_must_say_what(client, advocate):
    client.force_login(advocate)
    response = _post(client, other_materials="4")
    assert "Say what the other materials were." in response.content.decode()
    assert not OutreachLog.objects.exists()


def test_outreach_cannot_be_dated_in_the_future(client, advocate):
    client.force_login(advocate)
    assert _post(client, date="2999-01-01").status_code == 200
    assert not OutreachLog.objects.exists()


def test_monthly_summary_adds_up_each_month(advocate):
    for day, people in ((date(2026, 1, 3), 4), (date(2026, 1, 20), 6), (date(2026, 2, 1), 2)):
        OutreachLog.objects.create(
            date=day, location_type="street", people_reached=people, snacks=3, created_by=advocate
        )
    months = list(OutreachLog.objects.monthly())
    assert [(m["month"], m["outings"], m["people_reached"], m["snacks"]) for m in months] == [
        (date(2026, 2, 1), 1, 2, 3),
        (date(2026, 1, 1), 2, 10, 6),
    ]


def test_list_page_shows_the_monthly_summary(client, advocate):
    OutreachLog.objects.create(
        date=date(2026, 1, 3), location_type="street", people_reached=41, created_by=advocate
    )
    client.force_login(advocate)
    body = client.get(reverse("outreach_list")).content.decode()
    assert "January 2026" in body and "41" in body

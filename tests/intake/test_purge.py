"""Purge (DESIGN.md rule 9): identifying data destroyed everywhere, the counts kept."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from crisis_center.models import AccessLog
from intake import services
from intake.models import (
    Classification,
    Client,
    ClientClassification,
    CrisisContact,
    PurgeRecord,
    SafetyPlan,
    Screening,
)
from intake.reports import Period, quarterly_report
from tests.factories import (
    ClientFactory,
    ContactFactory,
    advocacy_records,
    conference_records,
    referral_records,
)
from tests.report_data import at, build_quarter

NAME = "Zephyrine-Unique"


@pytest.fixture
def full_file(client, advocate, supervisor):
    """A client with something in every kind of record, edited and viewed through the app."""
    person = ClientFactory(pseudonym=NAME, created_by=advocate)
    stalking = Classification.objects.get(kind="victimization", code="stalking_harassment")
    client.force_login(advocate)
    client.post(
        reverse("client_edit", args=[person.pk]),
        {
            "pseudonym": NAME,
            "legal_name": f"{NAME} Legal",
            "code_word": f"{NAME} word",
            "phone": "555-0199",
            "status": "active",
            "safe_to_call": "yes",
            "safe_to_text": "no",
            "safe_to_voicemail": "no",
            "safe_to_mail": "no",
            "age_range": "not_asked",
            "date_of_birth": "1999-05-01",
            "gender": "woman",
            "referral_source": "hotline",
            "victimization_types": [stalking.pk],
        },
    )
    ContactFactory(advocate=advocate, client=person, note=f"{NAME} called from a motel")
    services.record_save(
        record=Screening(client=person, q5=f"{NAME} works nights", q1="no"), by=advocate
    )
    services.record_save(
        record=SafetyPlan(client=person, safe_people=f"{NAME}'s sister"), by=advocate
    )
    records = advocacy_records(person, advocate)
    records["medical"].notes = f"Exam for {NAME}"
    services.record_save(record=records["medical"], by=advocate)
    referral_records(person, advocate)
    conference = conference_records(person, advocate)
    conference["conference"].identify_client = True
    conference["conference"].presented_summary = f"{NAME} needs housing"
    services.record_save(record=conference["conference"], by=advocate)
    conference["item"].description = f"Call {NAME}'s sister"
    services.record_save(record=conference["item"], by=advocate)
    client.get(reverse("client_detail", args=[person.pk]))
    client.force_login(supervisor)
    client.get(reverse("client_detail", args=[person.pk]))
    return person


def _tables_containing(text: str) -> list[str]:
    """Every text column of every table, history tables included."""
    hits = []
    for model in apps.get_models():
        fields = [
            f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]  # fmt: skip
        for field in fields:
            lookup = f"{field.attname}__icontains"
            if model._base_manager.filter(**{lookup: text}).exists():
                hits.append(f"{model._meta.db_table}.{field.column}")
    return hits


def _purge(client, supervisor, person, reason="client_request"):
    client.force_login(supervisor)
    return client.post(
        reverse("client_purge", args=[person.pk]), {"reason": reason, "confirm": person.pk}
    )


def test_after_a_purge_no_table_holds_the_pseudonym(client, supervisor, full_file):
    assert len(_tables_containing(NAME)) > 10  # the search finds it where it is
    response = _purge(client, supervisor, full_file)
    assert response.status_code == 302
    assert _tables_containing(NAME) == []
    assert _tables_containing("555-0199") == []


def test_a_purge_keeps_the_facts_reports_count(client, supervisor, full_file):
    def facts():
        person = Client.objects.get(pk=full_file.pk)
        return {
            "created": person.created_at,
            "gender": person.gender,
            "source": person.referral_source,
            "types": list(
                ClientClassification.objects.filter(client=person).values_list(
                    "classification__code", flat=True
                )
            ),
            "contacts": list(
                CrisisContact.objects.filter(client=person).values_list("started_at", "channel")
            ),
            "screenings": list(
                Screening.objects.filter(client=person).values_list("screened_at", "q1")
            ),
            "medical": person.medical_advocacy.count(),
            "referrals": person.referrals.count(),
        }

    before = facts()
    _purge(client, supervisor, full_file)
    assert facts() == before
    person = Client.objects.get(pk=full_file.pk)
    assert person.age_range == "25_59"  # derived from the date of birth before it went
    assert person.date_of_birth is None and person.status == "closed"


def test_a_purge_leaves_a_tombstone_and_scrubs_the_access_log(
    client, advocate, supervisor, full_file
):
    assert AccessLog.objects.filter(client_id=full_file.pk).exists()
    _purge(client, supervisor, full_file, reason="retention")
    tombstone = PurgeRecord.objects.get()
    assert (tombstone.client_id, tombstone.purged_by, tombstone.reason) == (
        full_file.pk,
        supervisor,
        "retention",
    )
    assert not AccessLog.objects.filter(client_id=full_file.pk).exists()
    assert not AccessLog.objects.filter(path__contains=f"/{full_file.pk}/").exists()
    client.force_login(advocate)  # no longer on any caseload
    assert client.get(reverse("client_detail", args=[full_file.pk])).status_code == 404


def test_purge_takes_two_steps_and_the_client_number_typed_back(client, supervisor, own_client):
    client.force_login(supervisor)
    url = reverse("client_purge", args=[own_client.pk])
    page = client.get(url).content.decode()
    assert "This cannot be undone" in page
    response = client.post(url, {"reason": "client_request", "confirm": own_client.pk + 1})
    assert "not this client" in response.content.decode()
    response = client.post(url, {"reason": "", "confirm": own_client.pk})
    assert response.status_code == 200
    own_client.refresh_from_db()
    assert own_client.purged_at is None and not PurgeRecord.objects.exists()


@pytest.mark.parametrize("username", ["advocate", "coordinator", "admin"])
def test_only_supervisors_purge(client, staff, own_client, username):
    client.force_login(staff[username])
    url = reverse("client_purge", args=[own_client.pk])
    assert (
        client.post(url, {"reason": "client_request", "confirm": own_client.pk}).status_code == 404
    )
    own_client.refresh_from_db()
    assert own_client.purged_at is None


def test_retention_due_lists_old_closed_files_without_names(advocate, capsys, settings):
    old = ClientFactory(pseudonym="Old-Closed", created_by=advocate)
    recent = ClientFactory(pseudonym="Recent-Closed", created_by=advocate)
    long_ago = timezone.now() - timedelta(days=365 * (settings.CLIENT_RETENTION_YEARS + 1))
    Client.objects.filter(pk=old.pk).update(status="closed", updated_at=long_ago)
    Client.objects.filter(pk=recent.pk).update(status="closed")
    call_command("retention_due")
    out = capsys.readouterr().out
    assert f"client {old.pk}\t" in out and f"client {recent.pk}\t" not in out
    assert "Old-Closed" not in out
    assert "1 closed client file(s)" in out
    assert date.today()


def test_a_purge_followed_by_the_quarterly_report_gives_the_same_numbers(client, staff, supervisor):
    people = build_quarter(staff)
    # Gia turns 18 after her first service in the year: 13-17 in the report, 18 today.
    gia = ClientFactory(
        pseudonym="Gia", date_of_birth=date(2008, 6, 1), created_by=staff["advocate"]
    )
    ContactFactory(advocate=staff["advocate"], client=gia, started_at=at(2026, 3, 20),
                   services=["crisis_intervention"])  # fmt: skip
    people["gia"] = gia
    q2, year = Period(2026, 2), Period(2026, 0)

    def numbers() -> list:
        return [(b.title, b.rows, b.total) for p in (q2, year) for b in quarterly_report(p).blocks]

    before = numbers()
    assert dict(before[4][1])["13-17"] == 2  # Dee and Gia
    for person in people.values():
        _purge(client, supervisor, person)
    assert Client.objects.filter(purged_at__isnull=False).count() == len(people)
    assert numbers() == before
    assert _tables_containing("Gia") == []

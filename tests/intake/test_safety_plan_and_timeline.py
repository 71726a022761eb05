"""The safety plan with its history, and the client timeline that gathers everything."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from intake.models import CrisisContact, SafetyPlan, Screening
from tests.factories import ContactFactory, ScreeningFactory
from tests.intake.test_client_pages import _queries


def test_safety_plan_is_kept_with_its_full_history(client, advocate, supervisor, own_client):
    url = reverse("safety_plan", args=[own_client.pk])
    client.force_login(advocate)
    client.post(
        url,
        {"plan_date": "2026-11-01", "safe_places": "Aunt's house", "immediate_needs": ["shelter"]},
    )
    client.force_login(supervisor)
    client.post(
        url,
        {"plan_date": "2026-11-20", "safe_places": "Shelter on 5th", "steps": "Keep phone charged"},
    )

    plan = SafetyPlan.objects.get()
    assert (plan.safe_places, plan.plan_date) == ("Shelter on 5th", date(2026, 11, 20))
    versions = list(plan.history.order_by("history_date"))
    assert [v.safe_places for v in versions] == ["Aunt's house", "Shelter on 5th"]
    assert [v.history_user for v in versions] == [advocate, supervisor]

    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Shelter on 5th" in body
    assert "Safety plan made</a> by" in body and "Safety plan updated</a> by" in body


def test_safety_plan_refuses_garbage(client, advocate, own_client):
    client.force_login(advocate)
    response = client.post(
        reverse("safety_plan", args=[own_client.pk]),
        {"plan_date": "31/31/2026", "immediate_needs": ["teleport"], "steps": "s\x00"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"plan_date", "immediate_needs", "steps"}
    assert not SafetyPlan.objects.exists()


def test_timeline_gathers_contacts_screenings_and_plans_newest_first(client, advocate, own_client):
    now = timezone.now()
    contact = ContactFactory(
        advocate=advocate, client=own_client, started_at=now - timedelta(days=3)
    )
    screening = ScreeningFactory(client=own_client, screened_at=now - timedelta(days=2))
    client.force_login(advocate)
    client.post(reverse("safety_plan", args=[own_client.pk]), {"plan_date": "2026-11-01"})

    entries = client.get(reverse("client_detail", args=[own_client.pk])).context["timeline"].entries
    assert [e.kind for e in entries] == ["safety_plan", "screening", "contact"]
    assert entries[1].obj == screening and entries[2].obj == contact
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert reverse("contact_detail", args=[contact.pk]) in body
    assert reverse("screening_detail", args=[screening.pk]) in body


def test_timeline_shows_only_this_clients_entries(client, advocate, own_client, other_client):
    ContactFactory(advocate=advocate, client=other_client)
    client.force_login(advocate)
    assert (
        client.get(reverse("client_detail", args=[own_client.pk])).context["timeline"].entries == []
    )


def _fill(client_record, advocate, contacts: int, screenings: int) -> None:
    now = timezone.now()
    CrisisContact.objects.bulk_create(
        CrisisContact(advocate=advocate, client=client_record, started_at=now - timedelta(hours=i))
        for i in range(contacts)
    )
    Screening.objects.bulk_create(
        Screening(
            client=client_record,
            created_by=advocate,
            screened_at=now - timedelta(hours=i, minutes=30),
        )
        for i in range(screenings)
    )


def test_client_page_with_a_500_entry_timeline_runs_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries
):
    # 7 for every page (session, user, transactions) + access-log insert; then the client
    # with safety plan, its care team, classifications, recent screenings, timeline
    # count, timeline page, one load per kind on the page, the advocacy panel's open
    # goals and group attendance, and the referrals panel's releases, referrals and
    # referral sources; the case-conference panel's conferences and open action items;
    # the minors' section's consents and mandated reports; the incidents panel's
    # incidents; the file panel's closings, the stability panel's answers and the
    # viewer's training; the first dependents and the first housing placements; and for
    # an advocate, the access log's check for emergency grants; the first appointments
    # and the first documents.
    ceiling = 37  # +2: the client's open follow-ups and coming court dates (what is due)
    _fill(own_client, advocate, contacts=3, screenings=2)
    client.force_login(advocate)
    url = reverse("client_detail", args=[own_client.pk])
    small = _queries(client, django_assert_max_num_queries, url, ceiling)

    _fill(own_client, advocate, contacts=450, screenings=45)
    large = _queries(client, django_assert_max_num_queries, url, ceiling)
    assert small == large

    response = client.get(url, {"timeline": "25"})
    timeline = response.context["timeline"]
    assert timeline.paginator.count == 500
    assert timeline.number == 25 and len(timeline.entries) == 20
    ats = [e.at for e in timeline.entries]
    assert ats == sorted(ats, reverse=True)

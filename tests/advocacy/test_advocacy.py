"""Advocacy records: the training gate, group privacy, due items, hostile input."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advocacy.models import (
    CounselingSession,
    GroupAttendance,
    GroupSession,
    LegalAdvocacy,
    MedicalAdvocacy,
    SupportGroup,
)
from crisis_center import records
from crisis_center.records.services import record_save
from intake import services
from tests.conftest import OTHER_NAME, OWN_NAME
from tests.factories import ClientFactory, TrainingRecordFactory, advocacy_records
from tests.intake.test_client_pages import _queries

KINDS = {
    slug: kind for slug, kind in records.KINDS.items() if kind.model._meta.app_label == "advocacy"
}

NOW = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def _due(response) -> dict:
    """The home page's due-items panel."""
    (panel,) = [p for p in response.context["panels"] if p.template.endswith("/due.html")]
    return panel.context


def test_staff_without_counseling_training_cannot_log_counseling(client, advocate, own_client):
    client.force_login(advocate)  # 40 h crisis intervention, no counseling hours
    url = reverse("counseling_create", args=[own_client.pk])
    for response in (client.get(url), client.post(url, {"occurred_at": NOW, "modality": "art"})):
        assert response.status_code == 403
        assert "20 hours of counseling training" in response.content.decode()
    assert not CounselingSession.objects.exists()


def test_the_counseling_rule_holds_below_the_views_too(advocate, own_client):
    with pytest.raises(ValidationError, match="counseling training"):
        record_save(record=CounselingSession(client=own_client), by=advocate)


def test_counseling_certified_staff_log_a_session(client, advocate, own_client):
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    client.force_login(advocate)
    response = client.post(
        reverse("counseling_create", args=[own_client.pk]),
        {"occurred_at": NOW, "duration_minutes": "50", "modality": "art"},
    )
    assert response.status_code == 302
    session = CounselingSession.objects.get()
    assert (session.created_by, session.modality) == (advocate, "art")
    assert session.history.get().history_user == advocate


def test_group_attendance_on_a_clients_page_reveals_no_other_attendee(
    client, advocate, advocate2, supervisor, own_client, other_client
):
    group = SupportGroup.objects.create(name="Tuesday circle")
    session = GroupSession.objects.create(
        group=group, occurred_at=timezone.now(), topic="Boundaries"
    )
    for person, author in ((own_client, advocate), (other_client, advocate2)):
        record_save(record=GroupAttendance(client=person, session=session), by=author)

    client.force_login(supervisor)  # sees both clients, and still only one per page
    body = client.get(reverse("client_detail", args=[own_client.pk])).content.decode()
    assert "Tuesday circle" in body and "Boundaries" in body
    assert OTHER_NAME not in body

    client.force_login(advocate)
    body = client.get(reverse("group_detail", args=[group.pk])).content.decode()
    assert OWN_NAME not in body and OTHER_NAME not in body
    assert "<td>2</td>" in body  # how many attended, never who


def test_attendance_is_recorded_once_per_session(client, advocate, own_client):
    session = GroupSession.objects.create(
        group=SupportGroup.objects.create(name="Art group"), occurred_at=timezone.now()
    )
    client.force_login(advocate)
    url = reverse("attendance_create", args=[own_client.pk])
    assert client.post(url, {"session": session.pk}).status_code == 302
    response = client.post(url, {"session": session.pk})
    assert "Already recorded for this session." in response.content.decode()
    assert GroupAttendance.objects.count() == 1


@pytest.mark.parametrize("username", ["coordinator", "admin"])
def test_roles_without_client_access_do_not_reach_groups(client, staff, username):
    group = SupportGroup.objects.create(name="Peer support")
    client.force_login(staff[username])
    for url in (reverse("group_list"), reverse("group_detail", args=[group.pk])):
        assert client.get(url).status_code == 404


def test_overdue_follow_up_shows_on_the_responsible_advocates_home_only(
    client, advocate, advocate2, supervisor, own_client
):
    services.care_team_add(client=own_client, staff=advocate2, by=supervisor)
    MedicalAdvocacy.objects.create(
        client=own_client,
        created_by=advocate,
        follow_up_by=timezone.localdate() - timedelta(days=3),
    )
    client.force_login(advocate)
    panel = _due(client.get(reverse("home")))
    assert [m.client for m in panel["follow_ups"]] == [own_client]
    assert "Overdue" in client.get(reverse("home")).content.decode()

    client.force_login(advocate2)  # on the same care team, not responsible for it
    panel = _due(client.get(reverse("home")))
    assert panel["follow_ups"] == []

    client.force_login(supervisor)
    panel = _due(client.get(reverse("home")))
    assert len(panel["follow_ups"]) == 1


def test_a_follow_up_marked_done_leaves_the_home_page(client, advocate, own_client):
    record = MedicalAdvocacy.objects.create(
        client=own_client, created_by=advocate, follow_up_by=timezone.localdate()
    )
    client.force_login(advocate)
    response = client.post(reverse("follow_up_done", args=[record.pk]), {"next": "home"})
    assert response.url == reverse("home")
    record.refresh_from_db()
    assert record.follow_up_done_at is not None
    assert _due(client.get(reverse("home")))["follow_ups"] == []


def test_court_dates_in_the_next_two_weeks_show_on_home(client, advocate, own_client):
    soon = LegalAdvocacy.objects.create(
        client=own_client, created_by=advocate, court_date=timezone.now() + timedelta(days=3)
    )
    LegalAdvocacy.objects.create(
        client=own_client, created_by=advocate, court_date=timezone.now() + timedelta(days=40)
    )
    client.force_login(advocate)
    assert _due(client.get(reverse("home")))["court"] == [soon]


def test_charge_outcome_belongs_to_charges_against_the_client(client, advocate, own_client):
    client.force_login(advocate)
    url = reverse("legal_create", args=[own_client.pk])
    data = {"occurred_at": NOW, "system": "court", "matter": "order_of_protection"}
    response = client.post(url, data | {"charge_outcome": "vacated"})
    assert "Only for charges against the client" in response.content.decode()
    client.post(url, data | {"matter": "charges_against_client", "charge_outcome": "vacated"})
    assert LegalAdvocacy.objects.get().get_charge_outcome_display() == "Vacated"


def test_advocacy_entries_join_the_timeline_and_goals_show_open(client, advocate, own_client):
    records = advocacy_records(own_client, advocate)
    client.force_login(advocate)
    response = client.get(reverse("client_detail", args=[own_client.pk]))
    kinds = {e.kind for e in response.context["timeline"].entries}
    assert set(KINDS) <= kinds
    body = response.content.decode()
    assert reverse("medical_detail", args=[records["medical"].pk]) in body
    assert "Find a safe apartment" in body


GARBAGE = {
    "occurred_at": "2026-02-30T25:61",
    "facility": "spaceship",
    "mode": "telepathy",
    "contacted": ["everyone"],
    "evidence_kit": "maybe",
    "injury_assessment": "<i>x</i>",
    "follow_up_by": "soon",
    "system": "vigilante",
    "matter": "?",
    "charge_outcome": "acquitted-ish",
    "court_date": "13/13/13",
    "duration_minutes": "-30",
    "modality": "interpretive dance",
    "agency": "a" * 500,
    "purpose": "",
    "goal": "",
    "status": "done-ish",
    "target_date": "2026-99-01",
    "session": "999999",
    "notes": "n" * 9000,
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_garbage_in_every_form_saves_nothing(client, advocate, own_client, kind):
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    client.force_login(advocate)
    response = client.post(reverse(f"{kind}_create", args=[own_client.pk]), GARBAGE)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors and set(form.errors) <= set(form.fields)
    assert "<i>x</i>" not in response.content.decode()
    assert not KINDS[kind].model.objects.exists()


def test_garbage_group_and_session_save_nothing(client, advocate):
    client.force_login(advocate)
    assert client.post(reverse("group_create"), {"name": ""}).status_code == 200
    group = SupportGroup.objects.create(name="Group")
    response = client.post(reverse("group_session_create", args=[group.pk]), {"occurred_at": "x"})
    assert response.status_code == 200
    assert SupportGroup.objects.count() == 1 and not GroupSession.objects.exists()


def test_advocate_home_stays_bounded_with_200_clients_and_2000_due_items(
    client, advocate, django_assert_max_num_queries
):
    # The caseload page (25 of 200 clients) and at most 20 of each kind of due item.
    # 12 for the caseload (see test_client_pages) + follow-ups, court dates, one
    # access-log insert for the clients they name, and for each of the two access-log
    # writes the check for emergency grants; the on-call roster's kinds, who is on call
    # and their own shifts (crisis_center/roster.py); due today and tomorrow (issue 22):
    # the calendar's four sources (shifts too), and its access-log insert with its check.
    ceiling = 27
    clients = ClientFactory.create_batch(3, created_by=advocate)
    MedicalAdvocacy.objects.create(
        client=clients[0], created_by=advocate, follow_up_by=timezone.localdate()
    )
    client.force_login(advocate)
    small = _queries(client, django_assert_max_num_queries, reverse("home"), ceiling)

    clients += ClientFactory.create_batch(197, created_by=advocate)
    today, now = timezone.localdate(), timezone.now()
    MedicalAdvocacy.objects.bulk_create(
        MedicalAdvocacy(client=c, created_by=advocate, follow_up_by=today - timedelta(days=i % 9))
        for i, c in enumerate(clients * 5)
    )
    LegalAdvocacy.objects.bulk_create(
        LegalAdvocacy(client=c, created_by=advocate, court_date=now + timedelta(hours=i % 300))
        for i, c in enumerate(clients * 5)
    )
    large = _queries(client, django_assert_max_num_queries, reverse("home"), ceiling)
    # A client the page's list already logged is not logged again by a panel (one row per
    # client per page load): with three clients, all in the list, the panels' access-log
    # insert and its check are skipped. Never more queries than the ceiling.
    assert small <= large <= small + 2
    panel = _due(client.get(reverse("home")))
    assert len(panel["follow_ups"]) == 20 and panel["more_follow_ups"]


# (+1 on each for an advocate: the access log's check for emergency grants; +1 on the
# forms of direct services for the staff "given by" offers, read once)
@pytest.mark.parametrize(("page", "ceiling"), [("create", 13), ("detail", 11), ("edit", 13)])
def test_record_pages_run_a_fixed_number_of_queries(
    client, advocate, own_client, django_assert_max_num_queries, page, ceiling
):
    # session, user, BEGIN, client or record (with client and author), access-log
    # insert, COMMIT, BEGIN, session save, COMMIT; forms also check training
    TrainingRecordFactory(staff=advocate, topic="counseling", hours=20)
    records = advocacy_records(own_client, advocate)
    client.force_login(advocate)
    for kind in KINDS.values():
        if page == "edit" and not kind.editable:
            continue
        target = own_client.pk if page == "create" else records[kind.slug].pk
        url = reverse(f"{kind.slug}_{page}", args=[target])
        # + the attendance form's session choices, and whether there are any; the
        # legal advocacy form's choice of the client's incidents
        extra = 2 if kind.slug == "attendance" and page == "create" else 0
        extra += 1 if kind.slug == "legal" and page != "detail" else 0
        _queries(client, django_assert_max_num_queries, url, ceiling + extra)

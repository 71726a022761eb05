"""One calendar: a staff member's week of appointments and due dates, in local time,
through the access policy, at a fixed cost; the home page's "due today and tomorrow";
and the day-before reminders by email, which name nothing."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Appointment, LegalAdvocacy, MedicalAdvocacy
from crisis_center import calendar, reminders
from crisis_center.models import AccessLog
from tests.conftest import OTHER_NAME, OWN_NAME

pytestmark = pytest.mark.django_db

WEEK = "2026-W50"  # Monday Dec 7 to Sunday Dec 13, 2026
MONDAY = date(2026, 12, 7)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local time, aware."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def book(person, staff, when: datetime, **fields) -> Appointment:
    return Appointment.objects.create(
        client=person, created_by=staff, staff=staff, starts_at=when, **fields
    )


@pytest.fixture
def week(advocate, advocate2, own_client, other_client):
    """Wednesday: an appointment on each caseload; Thursday: the advocate's follow-up;
    Friday: their court date; and a cancelled booking, which is on no calendar."""
    book(own_client, advocate, at(MONDAY + timedelta(days=2), 9, 30))
    book(other_client, advocate2, at(MONDAY + timedelta(days=2), 11))
    book(own_client, advocate, at(MONDAY + timedelta(days=3), 8), status="cancelled")
    MedicalAdvocacy.objects.create(
        client=own_client, created_by=advocate, follow_up_by=MONDAY + timedelta(days=3)
    )
    LegalAdvocacy.objects.create(
        client=own_client,
        created_by=advocate,
        system="court",
        court_date=at(MONDAY + timedelta(days=4), 13),
    )


def _days(response) -> dict[str, list[str]]:
    return {d.day.strftime("%a"): [e.title for e in d.shown] for d in response.context["days"]}


def test_an_advocate_sees_their_week_and_no_one_elses_clients(client, staff, week):
    client.force_login(staff["advocate"])
    response = client.get(reverse("calendar"), {"week": WEEK, "staff": staff["advocate2"].pk})
    assert response.status_code == 200
    assert _days(response) == {
        "Mon": [],
        "Tue": [],
        "Wed": [f"Court date: {OWN_NAME} (court)"],
        "Thu": [f"Medical follow-up: {OWN_NAME}"],
        "Fri": [f"Court date: {OWN_NAME} (court)"],
        "Sat": [],
        "Sun": [],
    }
    body = response.content.decode()
    assert OTHER_NAME not in body
    assert "?week=2026-W49" in body and "?week=2026-W51" in body  # previous and next
    # Every client the page shows is in the access log.
    assert set(AccessLog.objects.values_list("view_name", "client_id")) == {
        ("calendar", staff["advocate"].care_assignments.get().client_id)
    }


@pytest.mark.parametrize(
    ("username", "whose", "status", "names"),
    [
        ("supervisor", "", 200, {OWN_NAME, OTHER_NAME}),  # everyone
        ("supervisor", "advocate2", 200, {OTHER_NAME}),
        ("advocate2", "", 200, {OTHER_NAME}),
        ("trainee", "", 200, set()),
        ("coordinator", "", 404, set()),
        ("admin", "", 404, set()),
    ],
)
def test_who_sees_whose_calendar(client, staff, week, username, whose, status, names):
    client.force_login(staff[username])
    asked = {"week": WEEK, "staff": staff[whose].pk if whose else ""}
    for page, params in (("calendar", asked), ("calendar_day", asked | {"date": "2026-12-09"})):
        response = client.get(reverse(page), params)
        assert response.status_code == status
        body = response.content.decode()
        assert {n for n in (OWN_NAME, OTHER_NAME) if n in body} == names


def test_a_week_of_500_appointments_costs_what_5_do_and_stays_readable(
    client, supervisor, own_client, advocate, django_assert_max_num_queries
):
    client.force_login(supervisor)

    def week_page(count: int):
        Appointment.objects.all().delete()
        Appointment.objects.bulk_create(
            Appointment(
                client=own_client, created_by=advocate, staff=advocate,
                starts_at=at(MONDAY + timedelta(days=i % 7), 8) + timedelta(minutes=i),
            )
            for i in range(count)
        )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("calendar"), {"week": WEEK})
        return response, len(queries)

    few, few_queries = week_page(5)
    many, many_queries = week_page(500)
    assert few_queries == many_queries
    # The session and the user; the request's savepoint; the staff to choose from; one
    # query per source (appointments, follow-ups, court dates, on-call shifts); the access log, one
    # insert per record model shown; the savepoint released; the session's expiry
    # moved on, in a savepoint of its own.
    with django_assert_max_num_queries(14):
        client.get(reverse("calendar"), {"week": WEEK})
    monday = many.context["days"][0]
    assert (len(monday.shown), monday.more) == (calendar.PER_DAY, 72 - calendar.PER_DAY)
    assert "and 64 more" in many.content.decode()
    day = client.get(reverse("calendar_day"), {"date": "2026-12-07", "page": "2"})
    assert len(day.context["page"].object_list) == 72 - 50


def test_weeks_start_on_monday_in_local_time_across_a_clock_change(client, advocate, own_client):
    assert str(timezone.get_current_timezone()) == "America/Chicago"
    # Clocks go back on Sunday Nov 1, 2026: that day has 25 hours.
    book(own_client, advocate, at(date(2026, 11, 1), 23, 30))  # the week's last hour
    book(own_client, advocate, at(date(2026, 11, 2), 0, 15))  # the next week's first
    client.force_login(advocate)
    days = client.get(reverse("calendar"), {"week": "2026-W44"}).context["days"]
    assert [d.day for d in days] == [date(2026, 10, 26) + timedelta(days=i) for i in range(7)]
    assert [len(d.shown) for d in days] == [0, 0, 0, 0, 0, 0, 1]
    # Anything that is not a week is this week, never an error.
    for nonsense in ("2026-W99", "soon", "2026-W"):
        response = client.get(reverse("calendar"), {"week": nonsense})
        assert response.context["monday"] == timezone.localdate() - timedelta(
            days=timezone.localdate().weekday()
        )


def test_the_home_page_counts_what_is_due_today_and_tomorrow(
    client, advocate, advocate2, own_client, other_client
):
    today = timezone.localdate()
    book(own_client, advocate, at(today, 23, 0))
    MedicalAdvocacy.objects.create(
        client=own_client, created_by=advocate, follow_up_by=today + timedelta(days=1)
    )
    book(other_client, advocate2, at(today + timedelta(days=1), 10))  # not theirs
    client.force_login(advocate)
    body = client.get(reverse("home")).content.decode()
    assert "Today: 1 thing" in body and "Tomorrow: 1 thing" in body
    assert f"Medical follow-up: {OWN_NAME}" in body
    assert OTHER_NAME not in body


# --- Reminders by email ----------------------------------------------------------------

SECRET_NAME = "Zephyrine-Oakhollow"
SECRET_PURPOSE = "Protective order hearing in Kankakee"


def test_a_reminder_counts_and_links_and_names_nothing(advocate, advocate2, supervisor, settings):
    from tests.factories import ClientFactory

    settings.SITE_URL = "https://cases.example.org"
    person = ClientFactory(pseudonym=SECRET_NAME, created_by=advocate)
    today = date(2026, 12, 8)
    tomorrow = today + timedelta(days=1)
    book(person, advocate, at(tomorrow, 9), purpose=SECRET_PURPOSE, kind="medical")
    book(person, advocate, at(tomorrow, 15), purpose=SECRET_PURPOSE, place="police")
    LegalAdvocacy.objects.create(
        client=person, created_by=advocate, court_date=at(tomorrow, 11), outcome=SECRET_PURPOSE
    )
    MedicalAdvocacy.objects.create(
        client=person, created_by=advocate, follow_up_by=tomorrow, notes=SECRET_PURPOSE
    )
    book(person, advocate, at(today + timedelta(days=2), 9))  # the day after: not counted
    for person_, address in ((advocate, "a@example.org"), (advocate2, "b@example.org")):
        person_.email, person_.email_reminders = address, True  # advocate2: nothing due
        person_.save()
    supervisor.email = "s@example.org"  # due nothing, and did not ask
    supervisor.save()

    assert reminders.send_all(today) == 1
    assert reminders.send_all(today) == 0  # once a day
    (sent,) = mail.outbox
    assert sent.to == ["a@example.org"]
    assert sent.subject == "Reminder: 4 things due tomorrow"
    assert "You have 4 things due tomorrow (3 appointments, 1 follow-up)." in sent.body
    assert "https://cases.example.org/calendar/?week=2026-W50" in sent.body
    whole = f"{sent.subject}\n{sent.body}\n{sent.message().as_string()}"
    for secret in (SECRET_NAME, SECRET_PURPOSE, "Kankakee", "court", "Court", "police", "edical"):
        assert secret not in whole, secret

    mail.outbox.clear()
    assert reminders.send_all(tomorrow) == 1  # the next day's reminder, of the day after
    assert "You have 1 thing due tomorrow (1 appointment)." in mail.outbox[0].body
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().startswith("Reminders sent:")


def test_a_person_turns_their_own_reminders_on_and_off(client, advocate):
    client.force_login(advocate)
    url = reverse("reminder_settings")
    assert client.get(url).status_code == 405
    assert client.post(url, {"email_reminders": "on"}).status_code == 302
    advocate.refresh_from_db()
    assert advocate.email_reminders
    client.post(url, {})
    advocate.refresh_from_db()
    assert not advocate.email_reminders

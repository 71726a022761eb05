"""What advocacy adds to the client page and the home page (registered in apps.py)."""

from datetime import timedelta

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from advocacy import due
from advocacy.choices import GoalStatus
from advocacy.models import (
    Appointment,
    GroupAttendance,
    LegalAdvocacy,
    MedicalAdvocacy,
    ServiceGoal,
)
from crisis_center import paging, policy
from crisis_center.panels import Panel

DUE_SHOWN = 20
FOLLOW_UP_AHEAD = timedelta(days=7)
COURT_AHEAD = timedelta(days=14)


def client_goals_and_groups(request: HttpRequest, client) -> Panel:
    """Open survivor-led goals, and the group sessions this client attended (never who
    else attended)."""
    goals = list(ServiceGoal.objects.filter(client=client, status__in=GoalStatus.still_open())[:20])
    attended = list(
        GroupAttendance.objects.filter(client=client)
        .select_related("session__group")
        .order_by("-session__occurred_at")[:20]
    )
    return Panel("advocacy/panels/client.html", {"goals": goals, "attended": attended})


APPOINTMENTS_SHOWN = 5


def appointments_of(client) -> models.QuerySet:
    """The client's appointments, what is still to come first (the section and the list)."""
    return Appointment.objects.filter(client=client).select_related("staff").upcoming_first()


def client_appointments(request: HttpRequest, client) -> Panel:
    appointments, more = paging.first(appointments_of(client), APPOINTMENTS_SHOWN)
    context = {"client": client, "appointments": appointments, "more": more}
    return Panel("advocacy/panels/appointments.html", context, due=True)


def client_due(request: HttpRequest, client) -> Panel | None:
    """The client's open medical follow-ups and coming court dates (two queries), shown
    near the top of the client page; nothing when none is due."""
    user, now = request.user, timezone.now()
    follow_ups = list(
        MedicalAdvocacy.objects.visible_to(user)
        .filter(client=client, follow_up_by__isnull=False, follow_up_done_at__isnull=True)
        .order_by("follow_up_by", "id")[:DUE_SHOWN]
    )
    court = list(
        LegalAdvocacy.objects.visible_to(user)
        .filter(client=client, court_date__gte=now - timedelta(hours=12))
        .order_by("court_date", "id")[:DUE_SHOWN]
    )
    if not follow_ups and not court:
        return None
    context = {"follow_ups": follow_ups, "court": court, "today": timezone.localdate()}
    return Panel("advocacy/panels/client_due.html", context, due=True)


def due_items(request: HttpRequest) -> Panel | None:
    """Follow-ups due within a week (or overdue) and court dates in the next two weeks.

    Advocates see the items they are responsible for (they logged them) on clients they
    may still see; supervisors see all. At most DUE_SHOWN of each, soonest first.
    """
    user = request.user
    if not policy.sees_client_data(user):
        return None
    now, today = timezone.now(), timezone.localdate()
    theirs = None if policy.sees_all_clients(user) else user
    follow_ups = list(due.follow_ups(user, theirs, until=today + FOLLOW_UP_AHEAD)[: DUE_SHOWN + 1])
    court = list(
        due.court_dates(user, theirs, now - timedelta(hours=12), now + COURT_AHEAD)[: DUE_SHOWN + 1]
    )
    policy.log_listed(request, MedicalAdvocacy.objects, follow_ups[:DUE_SHOWN] + court[:DUE_SHOWN])
    return Panel(
        "advocacy/panels/due.html",
        {
            "follow_ups": follow_ups[:DUE_SHOWN],
            "more_follow_ups": len(follow_ups) > DUE_SHOWN,
            "court": court[:DUE_SHOWN],
            "more_court": len(court) > DUE_SHOWN,
            "today": today,
        },
    )

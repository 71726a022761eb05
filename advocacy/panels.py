"""What advocacy adds to the client page and the home page (registered in apps.py)."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from advocacy.choices import GoalStatus
from advocacy.models import GroupAttendance, LegalAdvocacy, MedicalAdvocacy, ServiceGoal
from crisis_center import policy
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


def due_items(request: HttpRequest) -> Panel | None:
    """Follow-ups due within a week (or overdue) and court dates in the next two weeks.

    Advocates see the items they are responsible for (they logged them) on clients they
    may still see; supervisors see all. At most DUE_SHOWN of each, soonest first.
    """
    user = request.user
    if not policy.sees_client_data(user):
        return None
    now, today = timezone.now(), timezone.localdate()
    follow_ups = MedicalAdvocacy.objects.visible_to(user).filter(
        follow_up_by__isnull=False,
        follow_up_done_at__isnull=True,
        follow_up_by__lte=today + FOLLOW_UP_AHEAD,
    )
    court = LegalAdvocacy.objects.visible_to(user).filter(
        court_date__gte=now - timedelta(hours=12), court_date__lte=now + COURT_AHEAD
    )
    if not policy.sees_all_clients(user):
        follow_ups = follow_ups.filter(created_by=user)
        court = court.filter(created_by=user)
    follow_ups = list(
        follow_ups.select_related("client").order_by("follow_up_by", "id")[: DUE_SHOWN + 1]
    )
    court = list(court.select_related("client").order_by("court_date", "id")[: DUE_SHOWN + 1])
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

"""What the collaboration adds to the home page and the client page (registered in apps.py)."""

from django.http import HttpRequest
from django.utils import timezone

from collaboration.models import ActionItem, CaseConference, ConferenceAction
from crisis_center import permissions
from crisis_center.panels import Panel

SHOWN = 20  # overdue action items on the home page


def overdue_action_items(request: HttpRequest) -> Panel | None:
    """Coordinators and supervisors: action items from meetings, open and past due."""
    if not permissions.can(request.user, "manage_collaboration"):
        return None
    today = timezone.localdate()
    items = list(
        ActionItem.objects.open_past_due(today).select_related("meeting", "owner_agency")[
            : SHOWN + 1
        ]
    )
    if not items:
        return None
    context = {"items": items[:SHOWN], "more": len(items) > SHOWN, "today": today}
    return Panel("collaboration/panels/overdue_actions.html", context)


CLIENT_SHOWN = 10  # of each list on the client page


def client_conferences(request: HttpRequest, client) -> Panel:
    """The client's latest conferences and the action items still open (two queries)."""
    conferences = list(CaseConference.objects.filter(client=client)[:CLIENT_SHOWN])
    open_items = list(
        ConferenceAction.objects.filter(client=client)
        .open()
        .select_related("owner_agency", "owner_staff")[:CLIENT_SHOWN]
    )
    context = {"client": client, "conferences": conferences, "open_items": open_items}
    return Panel("collaboration/panels/client.html", context)

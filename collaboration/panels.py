"""What the collaboration adds to the home page."""

from django.http import HttpRequest
from django.utils import timezone

from collaboration.models import ActionItem
from collaboration.sections import MANAGERS
from intake.panels import Panel

SHOWN = 20


def overdue_action_items(request: HttpRequest) -> Panel | None:
    """Coordinators and supervisors: action items from meetings, open and past due."""
    if request.user.role not in MANAGERS:
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

"""intake's own section of the home page."""

from django.http import HttpRequest

from crisis_center import policy
from crisis_center.panels import Panel
from intake.models import EmergencyAccess


def emergency_reviews(request: HttpRequest) -> Panel | None:
    """Supervisors: how many emergency accesses wait for review (rule 5)."""
    if not policy.sees_all_clients(request.user):
        return None
    waiting = EmergencyAccess.objects.awaiting_review().count()
    return Panel("intake/panels/emergency_reviews.html", {"waiting": waiting})

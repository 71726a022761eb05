"""intake's own section of the home page."""

from django.http import HttpRequest

from crisis_center import permissions, policy
from crisis_center.panels import Panel
from intake import reports
from intake.models import EmergencyAccess


def emergency_reviews(request: HttpRequest) -> Panel | None:
    """Supervisors: how many emergency accesses wait for review (rule 5)."""
    if not policy.sees_all_clients(request.user):
        return None
    waiting = EmergencyAccess.objects.awaiting_review().count()
    return Panel("intake/panels/emergency_reviews.html", {"waiting": waiting})


def caseload_dashboard(request: HttpRequest) -> Panel | None:
    """Supervisors: the caseload dashboard's numbers, each opening the list behind it,
    and its two charts; three queries (the running counts, one per chart)."""
    if not permissions.can(request.user, "see_caseloads"):
        return None
    return Panel("intake/panels/dashboard.html", reports.dashboard_context())

"""The trainee's part of the home page: how far they are from the 40 hours.

Until then (DESIGN.md rule 3) they may not log a service or join a care team, so the
menu leaves those out (`can.log_contacts`, `can.open_files`); this says why, how many
hours are left, and what they can do meanwhile.
"""

from django.http import HttpRequest

from crisis_center import policy
from crisis_center.panels import Panel
from crisis_center.roles import CRISIS_INTERVENTION_HOURS, format_hours


def home_panel(request: HttpRequest) -> Panel | None:
    """Staff in a care role without the 40 hours. No query of its own: the hours come
    with the signed-in user (crisis_center.backends)."""
    user = request.user
    if not policy.sees_client_data(user) or user.is_certified:
        return None
    hours = user.training.crisis
    context = {
        "hours": format_hours(hours),
        "needed": format_hours(CRISIS_INTERVENTION_HOURS),
        "to_go": format_hours(CRISIS_INTERVENTION_HOURS - hours),
    }
    return Panel("home/training.html", context)

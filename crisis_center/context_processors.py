"""What every template needs to know about the signed-in staff member."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from crisis_center import center, permissions, policy


def staff(request: HttpRequest) -> dict:
    user = request.user
    return {
        "session_timeout_minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE,
        "emergency_hours": settings.EMERGENCY_ACCESS_HOURS,
        "sees_client_data": policy.sees_client_data(user),
        "sees_all_clients": policy.sees_all_clients(user),
        "can": permissions.Can(user),  # {% if can.keep_directory %}
        "center": SimpleLazyObject(center.current),  # read when a template first asks
    }

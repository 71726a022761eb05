"""Small views of the project package."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """Typing counts as activity: the page pings this, and the session's expiry moves on
    (SESSION_SAVE_EVERY_REQUEST). Nothing else happens."""
    return HttpResponse(status=204)

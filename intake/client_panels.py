"""intake's own sections of the client page."""

from django.http import HttpRequest

from crisis_center.panels import Panel
from intake.models import Client, Incident

INCIDENTS_SHOWN = 5


def incidents(request: HttpRequest, client: Client) -> Panel:
    """The client's latest incidents with their offenders' relationships and where the
    case stands; the rest on the list page. Three queries however many there are."""
    latest = list(Incident.objects.filter(client=client).with_parts()[: INCIDENTS_SHOWN + 1])
    return Panel(
        "intake/panels/incidents.html",
        {"incidents": latest[:INCIDENTS_SHOWN], "more": len(latest) > INCIDENTS_SHOWN},
    )

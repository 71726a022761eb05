"""What case conferences add to the client page (registered in apps.py)."""

from django.http import HttpRequest

from collaboration.models import CaseConference, ConferenceAction
from intake.panels import Panel

SHOWN = 10


def client_conferences(request: HttpRequest, client) -> Panel:
    """The client's latest conferences and the action items still open (two queries)."""
    conferences = list(CaseConference.objects.filter(client=client)[:SHOWN])
    open_items = list(
        ConferenceAction.objects.filter(client=client)
        .open()
        .select_related("owner_agency", "owner_staff")[:SHOWN]
    )
    context = {"client": client, "conferences": conferences, "open_items": open_items}
    return Panel("collaboration/panels/client.html", context)

"""Children and other dependents on the client page: the first few in a section, and
all of them a page at a time (registered in apps.py)."""

from django.db import models
from django.http import HttpRequest, HttpResponse

from crisis_center import paging
from crisis_center.panels import Panel
from crisis_center.records.views import client_records_page
from intake.models import Client, Dependent

SHOWN = 10


def _of(client: Client) -> models.QuerySet:
    return Dependent.objects.filter(client=client).order_by("id")


def client_dependents(request: HttpRequest, client: Client) -> Panel:
    dependents, more = paging.first(_of(client), SHOWN)
    return Panel("intake/panels/dependents.html", {"dependents": dependents, "more": more})


def dependent_list(request: HttpRequest, pk: int) -> HttpResponse:
    return client_records_page(
        request, pk, model=Dependent, template="intake/dependent_list.html", records=_of
    )

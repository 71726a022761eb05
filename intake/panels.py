"""Sections that other apps add to the client page and the home page.

Like the timeline, a registry filled in each app's AppConfig.ready(): intake shows what
advocacy or referrals know without importing them (arrows point one way). Each panel
function runs a fixed number of queries and returns None when it has nothing to show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


ClientPanel = Callable[[HttpRequest, object], Panel | None]
HomePanel = Callable[[HttpRequest], Panel | None]

_client_panels: list[ClientPanel] = []
_home_panels: list[HomePanel] = []


def register_client_panel(panel: ClientPanel) -> None:
    _client_panels.append(panel)


def register_home_panel(panel: HomePanel) -> None:
    _home_panels.append(panel)


def client_panels(request: HttpRequest, client) -> list[Panel]:
    return [p for p in (panel(request, client) for panel in _client_panels) if p]


def home_panels(request: HttpRequest) -> list[Panel]:
    return [p for p in (panel(request) for panel in _home_panels) if p]

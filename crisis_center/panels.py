"""Sections that apps add to the client's, the contact's and the home page.

Like the timeline, a registry filled in each app's AppConfig.ready(): intake shows what
advocacy or referrals know without importing them (arrows point one way), and this
module imports no app at all. Each panel function runs a fixed number of queries and
returns None when it has nothing to show.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

PAGES = ("client", "contact", "home")


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict
    # The client page shows what is due right after how to reach the client safely.
    due: bool = False


_panels: dict[str, list[Callable[..., Panel | None]]] = defaultdict(list)


def register(page: str, panel: Callable[..., Panel | None]) -> None:
    """panel(request) for "home"; panel(request, obj) for "client" and "contact"."""
    if page not in PAGES:
        raise ValueError(f"No page {page!r}: one of {PAGES}")
    _panels[page].append(panel)


def for_page(page: str, request: HttpRequest, *args) -> list[Panel]:
    return [p for p in (panel(request, *args) for panel in _panels[page]) if p]

"""The client timeline: one chronological list of everything that happened with a client.

Each record kind registered with crisis_center.records (in its app's AppConfig.ready())
adds its source here, so a new record kind joins the timeline without touching intake.
A page of the timeline costs a fixed number of queries: one UNION across all sources to
count, one to fetch the page's (kind, id, at) rows, then one per kind present on the page
to load those rows.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, Value


@dataclass(frozen=True)
class TimelineSource:
    kind: str
    model: Callable[[], type[models.Model]]  # called late: history models appear at startup
    date_field: str
    template: str
    client_field: str = "client"
    select_related: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    at: object
    obj: models.Model
    template: str


_sources: dict[str, TimelineSource] = {}


def register(source: TimelineSource) -> None:
    _sources[source.kind] = source


def _index(client_id: int):
    queries = [
        source.model()
        .objects.filter(**{f"{source.client_field}_id": client_id})
        # Prefixed names: a model may have its own "kind" or "at" field.
        .annotate(
            timeline_kind=Value(source.kind, output_field=models.CharField()),
            timeline_id=F("pk"),
            timeline_at=F(source.date_field),
        )
        .values_list("timeline_kind", "timeline_id", "timeline_at")
        .order_by()
        for source in _sources.values()
    ]
    first, *rest = queries
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-timeline_at", "-timeline_id")


def page(client_id: int, number: str | None, size: int = 20) -> Page:
    """One page of the client's timeline, newest first, with page.entries to render."""
    result = Paginator(_index(client_id), size).get_page(number)
    wanted: dict[str, list[int]] = defaultdict(list)
    for kind, obj_id, _at in result.object_list:
        wanted[kind].append(obj_id)
    loaded = {
        kind: _sources[kind]
        .model()
        .objects.select_related(*_sources[kind].select_related)
        .in_bulk(ids)
        for kind, ids in wanted.items()
    }
    result.entries = [
        TimelineEntry(kind, at, loaded[kind][obj_id], _sources[kind].template)
        for kind, obj_id, at in result.object_list
        if obj_id in loaded[kind]
    ]
    return result

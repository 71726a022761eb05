"""Purging a client's identifying data (DESIGN.md rule 9).

Every model that reaches the client is found through the app registry, directly or
through a record that does (a referral made on an anonymous call that was later linked
to the client), so a record type added later is purged too without touching this
module. What stays: the client row and its records as de-identified facts (dates, coded
choices, durations, victimization types, service categories) so reports give the same
numbers, and a tombstone. What goes: every free-text and identifying field, every file,
every history row (found by record id as well as by link, so rows written before the link
was made go too), the client's id in the access log, and every stored session that
mentions the client. On SQLite the write-ahead log is then emptied, so no copy of the
old pages stays on disk (the database file itself is written with secure_delete on).
"""

import logging
import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.db import connection, models, transaction
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone

from crisis_center import kept_forms, sessions
from crisis_center.local_choices import LocalCodeValidator
from crisis_center.models import AccessLog, User
from crisis_center.reports import Period
from intake import counts
from intake.choices import AgeRange, ClientStatus
from intake.models import Client, PurgeRecord, ServiceDelivery, compact_search_index
from intake.reports import AGE_BLOCKS

logger = logging.getLogger(__name__)

PURGED = "[purged]"
_TEXT = (models.CharField, models.TextField)
# What names or finds the client: a session holding any of these is deleted.
IDENTIFYING = ("pseudonym", "legal_name", "code_word", "phone", "email", "mailing_address")
# Free text at least this long from the client's records (a note, a story) is
# distinctive enough to look for in sessions too: a form kept from an anonymous call.
DISTINCTIVE_LENGTH = 20

Links = dict[type[models.Model], list[tuple[str, type[models.Model]]]]


def _is_history(model: type[models.Model]) -> bool:
    return model.__name__.startswith("Historical")


def _coded(field: models.Field) -> bool:
    """A code from a fixed list, or from a list the center extends (a closure reason:
    crisis_center/local_choices.py validates it instead of `choices`)."""
    return bool(field.choices) or any(isinstance(v, LocalCodeValidator) for v in field.validators)


def _free_text(model: type[models.Model]) -> list[models.Field]:
    """The fields a purge blanks: free text (coded choices stay: reports count them)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, _TEXT) and not _coded(field)
    ]


def _files(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _scrubbed_values(model: type[models.Model], keep: set[str] = frozenset()) -> dict:
    """Blank every free-text field and every file of a model."""
    values = {f.attname: "" for f in _files(model)}
    for field in _free_text(model):
        if field.name not in keep:
            values[field.attname] = "" if field.blank else PURGED
    return values


def _links() -> Links:
    """For every model that reaches Client, the foreign keys it reaches it through:
    to the client itself, or to a model that reaches it (a referral through its crisis
    contact, a conference's agencies through the conference)."""
    links: Links = {}
    reached: set[type[models.Model]] = {Client}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model is Client or _is_history(model):
                continue
            for field in model._meta.concrete_fields:
                link = (field.name, field.related_model)
                if (
                    isinstance(field, models.ForeignKey)
                    and field.related_model in reached
                    and link not in links.get(model, [])
                ):
                    links.setdefault(model, []).append(link)
                    reached.add(model)
                    grew = True
    return links


def _reach(model, client: Client, links: Links, path=frozenset()) -> Q | None:
    """A condition on `model`'s link fields (or on its history's, which has the same
    names) that holds for the rows reaching `client`: subqueries, whatever the number of
    rows, so every statement of a purge is one query."""
    reach = None
    for name, parent in links[model]:
        if parent is Client:
            condition = Q(**{f"{name}_id": client.pk})
        elif parent in path:  # a cycle of foreign keys leads nowhere new
            continue
        else:
            rows = _rows(parent, client, links, path).values("pk")
            condition = Q(**{f"{name}_id__in": rows})
        reach = condition if reach is None else reach | condition
    return reach


def _rows(model, client: Client, links: Links, path=frozenset()) -> models.QuerySet:
    """The rows of `model` that reach the client."""
    reach = _reach(model, client, links, path=path | {model})
    if reach is None:
        return model._default_manager.none()
    return model._default_manager.filter(reach)


class _Traces:
    """What the purged rows held, read before they are blanked: the text a session
    could still hold, the pages a kept form could be meant for, the files to delete."""

    def __init__(self, client: Client) -> None:
        self.client_id = client.pk
        self.needles = {getattr(client, name).strip() for name in IDENTIFYING}
        logged = AccessLog.objects.filter(client_id=client.pk).order_by()
        self.paths = set(logged.values_list("path", flat=True).distinct())
        self.files: list[tuple[models.FileField, str]] = []

    def read(self, model: type[models.Model], rows: models.QuerySet) -> None:
        texts, files = _free_text(model), _files(model)
        if not texts and not files:
            return
        names = [f.attname for f in (*texts, *files)]
        for values in rows.values_list(*names):
            self.needles.update(
                value.strip()
                for value in values[: len(texts)]
                if value and len(value.strip()) >= DISTINCTIVE_LENGTH
            )
            held = zip(files, values[len(texts) :], strict=True)
            self.files.extend((field, name) for field, name in held if name)

    def mention(self) -> Callable[[str], bool]:
        """Whether a string names the client: holds one of their words (as a whole
        word, in any case) or is the path of one of their pages."""
        words = sorted(filter(None, self.needles), key=len, reverse=True)
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)", re.I)

        def mentions(text: str) -> bool:
            if text.startswith("/") and (text in self.paths or self._client_page(text)):
                return True
            return bool(words) and pattern.search(text) is not None

        return mentions

    def _client_page(self, path: str) -> bool:
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            return False
        return match.route.startswith("clients/") and match.kwargs.get("pk") == self.client_id

    def delete_files(self) -> None:
        for field, name in self.files:
            field.storage.delete(name)


def _delete_history(rows: models.QuerySet) -> None:
    """One DELETE whatever the number of rows. QuerySet.delete() would read them first
    and delete a hundred at a time, for signals that history rows need none of."""
    rows._raw_delete(rows.db)


def empty_write_ahead_log() -> bool:
    """SQLite keeps the pages a transaction replaced in the -wal file until a checkpoint;
    TRUNCATE copies them into the database file and empties the log. It waits (up to the
    busy timeout) for readers of older pages; if one holds on, the log stays (False) and
    the next purge or `manage.py vacuum_purged` empties it."""
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        logger.warning("Purge: the SQLite write-ahead log could not be emptied (busy).")
    return not busy


def touched_tables() -> list[str]:
    """Every table a purge rewrites or deletes rows of, history tables included."""
    tables = {AccessLog._meta.db_table, Session._meta.db_table}
    for model in [Client, *_links()]:
        tables.add(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None:
            tables.add(history.model._meta.db_table)
    return sorted(tables)


def _age_range(client: Client) -> str:
    """Keep the age block reports need before the date of birth is destroyed.

    Reports take the age at first service in the fiscal year; the block kept is the one
    of the fiscal year of the client's latest service, so that year's reports still add
    up (an earlier year's can move if a birthday crossed a block boundary in between).
    """
    dob = client.date_of_birth
    if not dob:
        return client.age_range
    served = ServiceDelivery.objects.filter(client=client).order_by("on")
    latest = served.values_list("on", flat=True).last()
    day = date.today()
    if latest:
        fy_start = Period.containing(latest).fy_start
        day = served.filter(on__gte=fy_start).values_list("on", flat=True).first()
    age = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
    for upper, block in AGE_BLOCKS:
        if age <= upper:
            return block
    return AgeRange.AGE_60_UP


@transaction.atomic
def purge_client(
    *, client: Client, by: User, reason: str, session: SessionBase | None = None
) -> PurgeRecord:
    """Destroy the client's identifying data. `session`, the purging request's own, is
    cleaned of the client in place rather than deleted."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    traces = _Traces(client)
    links = _links()
    for model in links:
        rows = _rows(model, client, links)
        traces.read(model, rows)
        values = _scrubbed_values(model)
        if values:
            # Past the models' own update() (some refuse one), so the running counts
            # that read a scrubbed field are kept here.
            with counts.changing(rows):
                models.QuerySet.update(rows, **values)
        history = getattr(model, "history", None)
        if history is not None:
            # By record id too: rows written before the link was made (an anonymous call).
            pk = model._meta.pk.attname
            written = Q(**{f"{pk}__in": rows.values("pk")}) | _reach(model, client, links)
            _delete_history(history.model.objects.filter(written))
    traces.read(Client, Client.objects.filter(pk=client.pk))
    _delete_history(Client.history.model.objects.filter(id=client.pk))
    values = _scrubbed_values(Client, keep={"pseudonym"})
    # The file is closed and leaves every caseload: the counted models' update() keeps
    # files by status and caseloads (intake/counts.py).
    Client.objects.filter(pk=client.pk).update(
        **values,
        pseudonym=f"Purged client {client.pk}",
        date_of_birth=None,
        age_range=_age_range(client),
        status=ClientStatus.CLOSED,
        purged_at=timezone.now(),
    )
    compact_search_index()
    # The tombstone is for supervisors.
    client.care_team.filter(ended_at__isnull=True).update(ended_at=timezone.now(), ended_by=by)
    AccessLog.objects.scrub_client(client.pk)
    mentions = traces.mention()
    sessions.forget(mentions, current=session)
    kept_forms.forget(mentions)
    transaction.on_commit(traces.delete_files, robust=True)
    transaction.on_commit(empty_write_ahead_log, robust=True)
    return PurgeRecord.objects.create(client=client, purged_by=by, reason=reason)


def retention_due(today: date | None = None):
    """Closed clients whose last change is older than CLIENT_RETENTION_YEARS, not purged."""
    today = today or timezone.localdate()
    cutoff = today.replace(year=today.year - settings.CLIENT_RETENTION_YEARS)
    return Client.objects.filter(
        status=ClientStatus.CLOSED, purged_at__isnull=True, updated_at__date__lt=cutoff
    ).order_by("updated_at")

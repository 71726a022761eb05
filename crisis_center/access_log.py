"""The access log: who saw which client, when, through which page (DESIGN.md rule 4).

Writing it (`record_views`) and reading it for people (`views_of`, `collapse`): the rows
keep the page's route name; the "who viewed this file" page shows what the page was in
words, tells a file opened apart from a name seen in a list, and folds a run of the same
view into one line. Every row stays in the table; only the page reads them together.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crisis_center.models import AccessLog, User


def record_views(
    request: HttpRequest, client_ids: Iterable[int | None], emergency: set[int] = frozenset()
) -> None:
    """Log that request.user was shown these clients; one INSERT for any number of them.

    None (a record with no client yet, such as an anonymous hotline call) logs nothing.
    One row per client per request: a page whose sections each show a client (the home
    page's list, its due dates, its calendar) logs the client once, not once a section.
    """
    logged = request.__dict__.setdefault("_clients_logged", set())
    new = [i for i in dict.fromkeys(client_ids) if i is not None and i not in logged]
    if not new:
        return
    logged.update(new)
    match = request.resolver_match
    view_name = match.view_name if match else ""
    path = request.path[:300]
    user_id = request.user.pk  # once: request.user is a lazy proxy, slow per attribute
    AccessLog.objects.bulk_create(
        AccessLog(
            user_id=user_id,
            client_id=client_id,
            view_name=view_name,
            path=path,
            emergency=client_id in emergency,
        )
        for client_id in new
    )


# What each page that writes the log is, in words. Pages that show a client as one row
# among many ("appeared in a list") are `listed`; every other page opened the file or one
# of its records. A page not named here reads as its route name in words and counts as
# opening the file, so that no view is ever hidden by the default filter.
@dataclass(frozen=True)
class Page:
    label: str
    listed: bool = False


def _listed(label: str) -> Page:
    return Page(label, listed=True)


PAGES: dict[str, Page] = {
    # Lists: the client's name among others.
    "home": _listed(_("Home page list")),
    "client_list": _listed(_("Client list or search")),
    "contact_list": _listed(_("Crisis contacts list")),
    "calendar": _listed(_("Calendar week")),
    "calendar_day": _listed(_("Calendar day")),
    "emergency_review_list": _listed(_("Emergency accesses to review")),
    "report_entries": _listed(_("Services behind a report number")),
    "caseload_list": _listed(_("Clients behind a dashboard number")),
    # The file and the pages on it.
    "client_detail": Page(_("Client file")),
    "client_edit": Page(_("Edited the client's details")),
    "client_history": Page(_("History and views")),
    "care_team": Page(_("Care team")),
    "care_team_end": Page(_("Removed someone from the care team")),
    "care_team_reassign": Page(_("Reassigned the file to another staff member")),
    "client_purge": Page(_("Purge page")),
    "client_close": Page(_("Closing the file")),
    "client_reopen": Page(_("Reopening the file")),
    "safety_plan": Page(_("Safety plan")),
    "incident_list": Page(_("All incidents")),
    "dependent_list": Page(_("All children and dependents")),
    "appointment_list": Page(_("All appointments")),
    "housing_list": Page(_("All housing placements")),
    "document_list": Page(_("All documents")),
    "document_create": Page(_("Adding a document")),
    "document_detail": Page(_("A document")),
    "document_download": Page(_("Downloaded a document")),
    "document_delete": Page(_("Deleting a document")),
    "contact_detail": Page(_("A crisis contact")),
    "contact_edit": Page(_("Editing a crisis contact")),
    "contact_link": Page(_("Linking a crisis contact to the file")),
    "contact_unlink": Page(_("Unlinking a crisis contact")),
    "contact_intake": Page(_("Intake from a crisis contact")),
    "emergency_review": Page(_("Reviewed an emergency access")),
    "follow_up_done": Page(_("Marked a medical follow-up done")),
    "release_revoke": Page(_("Revoked a release of information")),
    "referral_create": Page(_("Making a referral")),
    "contact_referral_create": Page(_("Making a referral from a crisis contact")),
    "referral_detail": Page(_("A referral")),
    "conference_create": Page(_("Adding a case conference")),
    "conference_detail": Page(_("A case conference")),
    "conference_edit": Page(_("Editing a case conference")),
    "conference_summary": Page(_("A case conference summary")),
    "conference_action_create": Page(_("Added a case conference action")),
    "conference_action_done": Page(_("Marked a case conference action done")),
}

# A record kind's shared pages (crisis_center.records): f"{slug}_{page}".
_RECORD_PAGES = {
    "create": _("Adding: %(title)s"),
    "detail": _("Opened: %(title)s"),
    "edit": _("Editing: %(title)s"),
}


def describe(view_name: str) -> Page:
    """What a logged page was, in words; never fails, whatever the row holds."""
    if view_name in PAGES:
        return PAGES[view_name]
    from crisis_center.records import KINDS  # filled when the apps are ready

    slug, _sep, page = view_name.rpartition("_")
    if slug in KINDS and page in _RECORD_PAGES:
        return Page(_RECORD_PAGES[page] % {"title": KINDS[slug].title})
    words = view_name.replace("_", " ").replace(":", " ").strip()
    return Page(words.capitalize() if words else gettext("A page without a name"))


LISTED = sorted(name for name, page in PAGES.items() if page.listed)


def views_of(client_id: int, *, lists: bool) -> QuerySet:
    """The client's access-log rows for the page: views through emergency access first
    (rule 5: the ones a supervisor looks for), then newest first. Without `lists`, only
    the pages that opened the file or one of its records."""
    rows = AccessLog.objects.filter(client_id=client_id)
    if not lists:
        rows = rows.exclude(view_name__in=LISTED)
    return rows.select_related("user").order_by("-emergency", "-at", "-id")


# Views of the same page by the same person within this long read as one line: about
# one sitting (the idle sign-out's default is 15 minutes).
REPEAT_WINDOW = timedelta(minutes=15)


@dataclass
class Line:
    """One line of the "who viewed" list: a view, or a run of the same view."""

    user: User
    view_name: str
    emergency: bool
    latest: datetime
    earliest: datetime
    count: int = 1
    page: Page = field(init=False)

    def __post_init__(self) -> None:
        self.page = describe(self.view_name)


def collapse(rows: Iterable[AccessLog], window: timedelta = REPEAT_WINDOW) -> list[Line]:
    """Fold rows (in the order views_of gives) into lines: the same person, the same
    page and the same kind of access within `window` of the line's latest view are one
    line with a count. Lines keep the order of their latest view."""
    lines: list[Line] = []
    current: dict[tuple, Line] = {}
    for row in rows:
        key = (row.user_id, row.view_name, row.emergency)
        line = current.get(key)
        if line is not None and line.latest - row.at <= window:
            line.count += 1
            line.earliest = min(line.earliest, row.at)
            continue
        line = Line(row.user, row.view_name, row.emergency, latest=row.at, earliest=row.at)
        current[key] = line
        lines.append(line)
    return lines

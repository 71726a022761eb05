"""The access matrix of the pages without an id: who opens each, for every role.

tests/test_access_matrix.py covers every URL that takes an id; this file covers the
rest: lists, reports, settings, the roster's and the calendar's pages, the forms that
create a record. Each page's expectation is written from its view's capability
(crisis_center/permissions.py): a role that may use it gets the page, a role that never
may gets 404 as if it did not exist, and a trainee (an advocate without the 40 hours)
gets the training page (403) for a write. The first test walks the URLconf, so a page
that is not described here makes the suite fail until someone decides who may open it.

Nothing is skipped but the admin site, skipped as `_patterns` does (staff
administration, tested apart); static files are served by WhiteNoise's middleware, not
by a URL pattern, so the URLconf has none to skip. Pages open without an account are
in the table too (PUBLIC says what an anonymous visitor gets from them).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from intake.choices import ServiceCategory
from tests.conftest import OTHER_NAME, OWN_NAME
from tests.factories import (
    ContactFactory,
    ScreeningFactory,
    advocacy_records,
    conference_records,
    referral_records,
)
from tests.test_access_matrix import (
    DECIDERS,
    EVERYONE,
    KEEPERS,
    LIST_KEEPERS,
    MANAGERS,
    OUTREACH,
    ROLES,
    SUPERVISION,
    _patterns,
)

# Who may use each capability, by the usernames of the `staff` fixture.
READERS = {"advocate", "advocate2", "trainee", "supervisor"}  # see_clients, see_groups...
WRITERS = {"advocate", "advocate2", "supervisor"}  # open_files, log_contacts, run_groups
ON_SHIFT = {"advocate", "advocate2"}  # use_emergency_access
REPORTS = {"supervisor", "coordinator"}  # see_reports, see_feedback_results
AGREEMENTS = {"supervisor", "coordinator"}  # see_agreements
DIRECTORY_KEEPERS = {"coordinator"}  # keep_directory
ADMINISTRATION = {"admin"}  # keep_center_settings

TRAINING_PAGE = 403  # permissions.refusal: "Training needed first"


@dataclass(frozen=True)
class Page:
    """A URL without an id. `allowed` get `ok`; a trainee gets the training page when
    `write` (the capability needs the training, and advocates may use it); every other
    role 404. `goes_to` is where a 302 leads."""

    allowed: set[str]
    ok: int = 200
    method: str = "get"
    write: bool = False
    goes_to: Callable[[], str] | None = None
    data: dict = field(default_factory=dict)  # a POST's data, or a GET's query string


def _this_month() -> str:
    today = timezone.localdate()
    return reverse("roster_month", args=[today.year, today.month])


def _to(name: str) -> Callable[[], str]:
    return lambda: reverse(name)


PAGES = {
    # Signing in and out, and the session's own endpoints.
    "login": Page(EVERYONE, ok=302, goes_to=_to("home")),  # signed in already: home
    "logout": Page(EVERYONE, ok=302, method="post", goes_to=_to("login")),  # POST only
    "two_factor": Page(EVERYONE),  # no second factor yet in this session: enrolling
    "keepalive": Page(EVERYONE, ok=204, method="post"),  # POST only
    "idle_sign_out": Page(EVERYONE, ok=204, method="post"),  # POST only, open without one
    "healthz": Page(EVERYONE),  # open without an account
    "home": Page(EVERYONE),  # a caseload for care roles, the staff start page for others
    # Staff approvals and the center's settings.
    "staff_approvals": Page(DECIDERS),
    "center_settings": Page(ADMINISTRATION),
    "stored_values": Page(SUPERVISION),  # clear_uncollected_fields
    "choice_lists": Page(LIST_KEEPERS),
    # The calendar: the client's appointments and follow-ups of the user's caseload.
    "calendar": Page(READERS),
    "calendar_day": Page(READERS),
    "reminder_settings": Page(READERS, ok=302, method="post", goes_to=_to("calendar")),
    # The roster (as ROSTER_URLS in tests/test_access_matrix.py).
    "roster_week": Page(EVERYONE),
    "roster_this_month": Page(EVERYONE, ok=302, goes_to=_this_month),
    "swap_list": Page(EVERYONE),
    "shift_create": Page(KEEPERS),
    "shift_kind_list": Page(KEEPERS),
    "shift_kind_create": Page(KEEPERS),
    # Client files and hotline contacts.
    "client_list": Page(READERS),
    "client_create": Page(WRITERS, write=True),
    "contact_list": Page(READERS),
    "contact_create": Page(WRITERS, write=True),
    # A write, but only supervisors may: a trainee is an advocate, who never may (404).
    "import_records": Page(SUPERVISION),
    "emergency_access": Page(ON_SHIFT, write=True),
    "emergency_review_list": Page(SUPERVISION),
    # Reports: counts for coordinators; caseloads and the entries behind for supervisors.
    "report_index": Page(REPORTS),
    "quarterly_report": Page(REPORTS),
    "outcome_measures": Page(REPORTS),
    "stability_report": Page(REPORTS),
    "service_hours": Page(REPORTS),
    "volunteer_hours": Page(REPORTS),
    # A number of the caseload dashboard, or a cell of the report, opened to the records
    # behind it: a plain GET names none (404 to everyone, below), so one is asked for.
    "report_entries": Page(SUPERVISION, data={"category": ServiceCategory.values[0]}),
    "caseload_dashboard": Page(SUPERVISION),
    "caseload_list": Page(SUPERVISION, data={"count": "clients.active"}),
    # Support groups.
    "group_list": Page(READERS),
    "group_create": Page(WRITERS, write=True),
    # The referral directory, partner agencies and networking agreements.
    "directory": Page(EVERYONE),
    "resource_create": Page(DIRECTORY_KEEPERS),
    "directory_export": Page(DIRECTORY_KEEPERS),
    "directory_import": Page(DIRECTORY_KEEPERS),
    "agency_list": Page(DIRECTORY_KEEPERS),
    "agency_create": Page(DIRECTORY_KEEPERS),
    "agreement_list": Page(AGREEMENTS),
    "agreement_create": Page(DIRECTORY_KEEPERS),
    # Collaboration: outreach for every role but the administrator, the rest for managers.
    "collaboration": Page(OUTREACH),
    "charter": Page(MANAGERS),
    "outreach_list": Page(OUTREACH),
    "outreach_create": Page(OUTREACH),
    **{
        f"{slug}_{page}": Page(MANAGERS)
        for slug in (
            "member",
            "meeting",
            "plan_item",
            "policy_change",
            "cross_training",
            "assessment",
            "prevention",
        )
        for page in ("list", "create")
    },
    # Client feedback.
    "feedback_link_new": Page(READERS),  # hand_out_feedback_links
    "kiosk_list": Page(SUPERVISION),  # manage_kiosks
    "feedback_results": Page(REPORTS),
    "feedback_results_csv": Page(REPORTS),
}

# What a visitor without an account gets from the pages open to them; every other page
# sends them to sign in. (The survey's pages take a token: tests/test_access_matrix.py.)
PUBLIC = {"login": 200, "healthz": 200, "idle_sign_out": 204}

POST_ONLY = {name for name, page in PAGES.items() if page.method == "post"}


def _without_id() -> set[str]:
    return {p.name or route for p, route in _patterns(get_resolver()) if "<" not in route}


def test_every_url_without_an_id_is_in_the_matrix():
    without_id = _without_id()
    unclassified = without_id - PAGES.keys()
    assert not unclassified, f"Add these URLs to the pages' matrix: {sorted(unclassified)}"
    gone = PAGES.keys() - without_id
    assert not gone, f"The pages' matrix names URLs that no longer exist: {sorted(gone)}"
    assert PUBLIC.keys() <= PAGES.keys()


def _expected(page: Page, username: str) -> int:
    if username in page.allowed:
        return page.ok
    if page.write and username == "trainee":
        return TRAINING_PAGE
    return 404


def test_matrix_expectations_are_not_all_the_same():
    # Guard against a matrix that passes because every cell says the same.
    cells = {_expected(page, u) for page in PAGES.values() for u in ROLES}
    assert {200, 204, 302, TRAINING_PAGE, 404} <= cells
    for username in ROLES:  # each role is refused somewhere and let in somewhere
        answers = {_expected(page, username) for page in PAGES.values()}
        assert 404 in answers and 200 in answers, username
    per_page = [{_expected(page, u) for u in ROLES} for page in PAGES.values()]
    assert sum(len(answers) > 1 for answers in per_page) > len(PAGES) // 2


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("username", ROLES)
def test_pages_matrix(client, staff, name, username):
    page = PAGES[name]
    client.force_login(staff[username])
    response = getattr(client, page.method)(reverse(name), page.data)
    expected = _expected(page, username)
    assert response.status_code == expected
    if expected == TRAINING_PAGE:
        assert b"Training needed first" in response.content
    if expected == 302 and page.goes_to:
        assert response.url == page.goes_to()


@pytest.mark.parametrize(
    "name", sorted(n for n, p in PAGES.items() if p.method == "get" and p.data)
)
def test_a_page_of_the_records_behind_a_number_needs_the_number(client, supervisor, name):
    client.force_login(supervisor)
    assert client.get(reverse(name)).status_code == 404


# The method is checked before the role: 405 to every role (a role that may not POST
# learns only that the URL exists, no client data); signed out too where open without one.
@pytest.mark.parametrize(
    ("name", "username"),
    [(n, u) for n in sorted(POST_ONLY) for u in ROLES]
    + [(n, None) for n in sorted(POST_ONLY & PUBLIC.keys())],
)
def test_a_post_only_page_answers_405_to_a_get(client, staff, name, username):
    if username:
        client.force_login(staff[username])
    assert client.get(reverse(name)).status_code == 405


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitor_is_sent_to_login_except_on_public_pages(client, db, name):
    page = PAGES[name]
    response = getattr(client, page.method)(reverse(name), page.data)
    if name in PUBLIC:
        assert response.status_code == PUBLIC[name]
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# DESIGN.md rule 1 and "Who uses it": no page without an id names a client the role may
# not see. Two clients on two caseloads, with records, and every page each role opens.
SEES = {
    "advocate": {OWN_NAME},
    "advocate2": {OTHER_NAME},
    "trainee": set(),
    "supervisor": {OWN_NAME, OTHER_NAME},
    "coordinator": set(),
    "admin": set(),
}


@pytest.mark.parametrize("username", ROLES)
def test_no_page_names_a_client_the_role_may_not_see(
    client, staff, own_client, other_client, username
):
    for target in (own_client, other_client):
        author = target.created_by
        ScreeningFactory(client=target, created_by=author)
        ContactFactory(advocate=author, client=target)
        advocacy_records(target, author)
        referral_records(target, author)
        conference_records(target, author)
    client.force_login(staff[username])
    hidden = {OWN_NAME, OTHER_NAME} - SEES[username]
    opened = 0
    for name, page in sorted(PAGES.items()):
        if page.method != "get" or _expected(page, username) != 200:
            continue
        body = client.get(reverse(name), page.data).content.decode()
        opened += 1
        assert not {n for n in hidden if n in body}, name
    assert opened >= 5

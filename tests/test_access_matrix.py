"""The access matrix: every URL that takes an id, for every role, on two caseloads.

DESIGN.md rule 1: a client the user may not see does not exist for them (404) and its
name appears nowhere. The first test walks the URLconf, so a URL with an id that is
not described here makes the suite fail until someone decides who may open it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from crisis_center.records import KINDS
from intake.models import CrisisContact, EmergencyAccess
from referrals.models import Referral, ReleaseOfInformation, Resource
from tests.conftest import OTHER_NAME, OWN_NAME
from tests.factories import (
    ClientFactory,
    ContactFactory,
    ScreeningFactory,
    TrainingRecordFactory,
    advocacy_records,
    collaboration_records,
    conference_records,
    referral_records,
    situation_records,
)


@pytest.fixture(autouse=True)
def records(db, request):
    """For each scenario client: a screening, a contact linked to it, and an anonymous
    contact logged by the advocate whose caseload it is on."""
    if "own_client" not in request.fixturenames:
        return
    for fixture in ("own_client", "other_client"):
        client = request.getfixturevalue(fixture)
        author = client.created_by
        ScreeningFactory(client=client, created_by=author)
        ContactFactory(advocate=author, client=client)
        ContactFactory(advocate=author)
        advocacy_records(client, author)
        referral_records(client, author)
        conference_records(client, author)
        situation_records(client, author)
        # An emergency grant to the advocate who already has the client: no one gains.
        EmergencyAccess.objects.create(
            client=client,
            user=author,
            reason="Caller in crisis",
            expires_at=timezone.now() + timedelta(hours=1),
        )
    # Counseling pages need 20 more hours; give them to everyone so that those cells
    # test who may see the client (the training gate has its own tests).
    for staff_member in request.getfixturevalue("staff").values():
        TrainingRecordFactory(staff=staff_member, topic="counseling", hours=20)


CARE = {"advocate", "supervisor"}  # may open a client they can see
SUPERVISION = {"supervisor"}  # supervisor-only pages


@dataclass(frozen=True)
class ClientURL:
    """A URL with an id. `target` builds its kwargs from the scenario's client and the
    advocate whose caseload it is on; `data` is what a POST sends."""

    allowed: set[str]  # roles that may open it, for a record visible to them
    target: Callable = lambda client, author: {"pk": client.pk}
    method: str = "get"
    ok: int = 200
    data: Callable = lambda client: {}


def _member(client, author):
    return {"pk": client.pk, "member_pk": client.care_team.get(ended_at__isnull=True).pk}


def _reassign_to(client) -> dict:
    """The scenario's other certified advocate, who is not on this client's team."""
    from crisis_center.models import User

    on_team = client.care_team.filter(ended_at__isnull=True).values("staff")
    other = User.objects.filter(username__in=["advocate", "advocate2"]).exclude(pk__in=on_team)
    return {"staff": other.get().pk, "confirm": "on"}


def _contact(client, author):
    # An anonymous contact logged by the advocate whose caseload the client is on.
    return {"pk": CrisisContact.objects.get(advocate=author, client=None).pk}


def _linked_contact(client, author):
    return {"pk": CrisisContact.objects.get(advocate=author, client=client).pk}


def _closed(client, author):
    """The client's file, closed (its reopening page asks why)."""
    from intake import closing
    from intake.models import Client, FileClosure

    client = Client.objects.get(pk=client.pk)
    if closing.current_closure(client) is None:
        closure = FileClosure(reason="services_complete", aftercare_contacts="The hotline")
        closing.close_file(client=client, closure=closure, stability=None, by=author)
    return {"pk": client.pk}


CLIENT_URLS = {
    "client_detail": ClientURL(CARE),
    "client_edit": ClientURL(CARE),
    "care_team": ClientURL(SUPERVISION),
    # Removing and reassigning: their POSTs, confirmed (a GET is the confirmation step).
    "care_team_end": ClientURL(
        SUPERVISION, _member, method="post", ok=302, data=lambda client: {"confirm": "1"}
    ),
    "care_team_reassign": ClientURL(
        SUPERVISION, _member, method="post", ok=302, data=lambda client: _reassign_to(client)
    ),
    "client_history": ClientURL(SUPERVISION),
    "client_purge": ClientURL(SUPERVISION),  # GET: the confirmation step
    "safety_plan": ClientURL(CARE),
    "client_close": ClientURL(CARE),
    "client_reopen": ClientURL(CARE, _closed),  # GET: the confirmation step
    "incident_list": ClientURL(CARE),
    "dependent_list": ClientURL(CARE),  # all of a client's children and dependents
    "appointment_list": ClientURL(CARE),  # all of a client's appointments
    "housing_list": ClientURL(CARE),  # all of a client's housing placements
    "contact_detail": ClientURL(CARE, _contact),
    "contact_edit": ClientURL(CARE, _contact),
    # The confirmation step's POST (the GET before it only names the client).
    "contact_link": ClientURL(
        CARE,
        _contact,
        method="post",
        ok=302,
        data=lambda client: {"client": client.pk, "current": "", "confirm": "1"},
    ),
    # The confirmation page of unlinking the contact its author linked to the client.
    "contact_unlink": ClientURL(CARE, _linked_contact),
    "contact_intake": ClientURL(
        CARE, _contact, method="post", ok=302, data=lambda client: {"pseudonym": "New caller"}
    ),
}


def _record(kind: str) -> Callable:
    """The client's record of a kind; for a kind no factory makes, one with its defaults."""

    def target(client, author) -> dict:
        records = KINDS[kind].model.objects.filter(client=client)
        record = records.first() or records.create(client=client, created_by=author)
        return {"pk": record.pk}

    return target


# Every registered record kind's shared pages (crisis_center.records): adding one to a
# client a user may see, and opening or editing one of its records.
for _kind in KINDS.values():
    for _name in _kind.url_names():
        _create = _name.endswith("_create")
        CLIENT_URLS[_name] = ClientURL(CARE) if _create else ClientURL(CARE, _record(_kind.slug))
CLIENT_URLS["follow_up_done"] = ClientURL(CARE, _record("medical"), method="post", ok=302)


def _release(client, author):
    return {"pk": ReleaseOfInformation.objects.get(client=client).pk}


def _resource(client):
    return {"resource": Resource.objects.first().pk}


CLIENT_URLS |= {
    "emergency_review": ClientURL(
        SUPERVISION,
        lambda client, author: {"pk": client.emergency_grants.get().pk},
        method="post",
        ok=302,
        data=lambda client: {"comment": "Checked with the advocate"},
    ),
    "release_revoke": ClientURL(CARE, _release, method="post", ok=302),
    "referral_create": ClientURL(CARE, data=_resource),
    "contact_referral_create": ClientURL(CARE, _contact, data=_resource),
    "referral_detail": ClientURL(
        CARE, lambda client, author: {"pk": Referral.objects.get(client=client).pk}
    ),
}


def _conference(client, author):
    return {"pk": client.pk, "conference_pk": client.case_conferences.get().pk}


def _conference_action(client, author):
    item = client.conference_actions.get()
    return _conference(client, author) | {"item_pk": item.pk}


def _document(client, author):
    from intake.models import Document
    from tests.factories import document

    found = Document.objects.filter(client=client).first() or document(client, author)
    return {"pk": found.pk}


# Documents on the file (intake/documents.py): their own pages; a download is a view.
CLIENT_URLS |= {
    "document_list": ClientURL(CARE),
    "document_create": ClientURL(CARE),
    "document_detail": ClientURL(CARE, _document),
    "document_download": ClientURL(CARE, _document),
    "document_delete": ClientURL(CARE, _document),  # GET: the confirmation step
}


CLIENT_URLS |= {
    "conference_create": ClientURL(CARE),
    "conference_detail": ClientURL(CARE, _conference),
    "conference_edit": ClientURL(CARE, _conference),
    "conference_summary": ClientURL(CARE, _conference),
    "conference_action_create": ClientURL(
        CARE, _conference, method="post", ok=302, data=lambda client: {"description": "Call"}
    ),
    "conference_action_done": ClientURL(CARE, _conference_action, method="post", ok=302),
}

# URLs with an id that reach no client data at all: groups show how many attended a
# session, never who (tests/advocacy/test_groups.py).
# The directory, agencies and agreements hold no client data either
# (tests/referrals/test_directory.py checks who may open them).
# The survey (a token, not an id) and kiosk links name no client, staff or service
# (tests/collaboration/test_feedback.py).
NON_CLIENT_URLS: set[str] = {
    "survey",
    "kiosk_revoke",
    "group_detail",
    "group_session_create",
    "resource_detail",
    "resource_edit",
    "resource_card",
    "agency_edit",
    "agreement_edit",
    "agreement_reviewed",
    "agreement_document",
}

# The collaboration's pages hold no client data; who gets 200 (everyone else a 404).
MANAGERS = {"supervisor", "coordinator"}
OUTREACH = MANAGERS | {"advocate", "advocate2", "trainee"}


@dataclass(frozen=True)
class RecordURL:
    """A URL with the id of a non-client record (`slug` names it in collaboration_records)."""

    allowed: set[str]
    slug: str
    method: str = "get"
    ok: int = 200


COLLABORATION_URLS = {
    "member_edit": RecordURL(MANAGERS, "member"),
    "meeting_detail": RecordURL(MANAGERS, "meeting"),
    "meeting_edit": RecordURL(MANAGERS, "meeting"),
    # POSTs without data: the meeting page again, with the errors.
    "agenda_item_create": RecordURL(MANAGERS, "meeting", method="post"),
    "action_item_create": RecordURL(MANAGERS, "meeting", method="post"),
    "action_item_edit": RecordURL(MANAGERS, "action_item"),
    "plan_item_edit": RecordURL(MANAGERS, "plan_item"),
    "policy_change_edit": RecordURL(MANAGERS, "policy_change"),
    "cross_training_edit": RecordURL(MANAGERS, "cross_training"),
    "outreach_edit": RecordURL(OUTREACH, "outreach"),
    "assessment_edit": RecordURL(MANAGERS, "assessment"),
    "prevention_edit": RecordURL(MANAGERS, "prevention"),
    "prevention_detail": RecordURL(MANAGERS, "prevention"),
    "prevention_session_create": RecordURL(MANAGERS, "prevention", method="post"),
}
NON_CLIENT_URLS |= COLLABORATION_URLS.keys()


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # staff administration; holds no client model (tested apart)
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry, prefix + str(entry.pattern)


def test_every_url_with_an_id_is_in_the_matrix():
    with_ids = {p.name or route for p, route in _patterns(get_resolver()) if "<" in route}
    unclassified = with_ids - CLIENT_URLS.keys() - NON_CLIENT_URLS
    assert not unclassified, f"Add these URLs to the access matrix: {sorted(unclassified)}"
    assert with_ids >= CLIENT_URLS.keys(), "The matrix names URLs that no longer exist"


ROLES = ["advocate", "advocate2", "trainee", "supervisor", "coordinator", "admin"]


def _expected(url: ClientURL, username: str, whose: str) -> int:
    """What the policy says: supervisors see all, advocates their care team, others none."""
    role = {"advocate2": "advocate", "trainee": "advocate", "admin": "administrator"}.get(
        username, username
    )
    visible = role == "supervisor" or (
        username == "advocate" and whose == "own" or username == "advocate2" and whose == "other"
    )
    return url.ok if visible and role in url.allowed else 404


@pytest.mark.parametrize("name", sorted(CLIENT_URLS))
@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_access_matrix(client, staff, own_client, other_client, name, username, whose):
    url = CLIENT_URLS[name]
    target, bystander = (own_client, other_client) if whose == "own" else (other_client, own_client)
    client.force_login(staff[username])

    kwargs = url.target(target, target.created_by)
    response = getattr(client, url.method)(reverse(name, kwargs=kwargs), url.data(target))

    assert response.status_code == _expected(url, username, whose)
    body = response.content.decode()
    assert bystander.pseudonym not in body
    if response.status_code == 404:
        assert target.pseudonym not in body


def test_superuser_admin_gets_404_on_every_client_page(
    client, administrator, own_client, other_client
):
    assert administrator.is_superuser
    client.force_login(administrator)
    for name, url in CLIENT_URLS.items():
        for target in (own_client, other_client):
            kwargs = url.target(target, target.created_by)
            response = getattr(client, url.method)(reverse(name, kwargs=kwargs), url.data(target))
            assert response.status_code == 404, name
    for name in ("client_list", "client_create"):
        assert client.get(reverse(name)).status_code == 404, name


def test_matrix_expectations_are_not_all_the_same():
    # Guard against a matrix that passes because every cell says 404.
    cells = {
        _expected(CLIENT_URLS[n], u, w)
        for n in CLIENT_URLS
        for u in ROLES
        for w in ("own", "other")
    }
    assert {200, 302, 404} <= cells


@pytest.mark.parametrize("name", sorted(CLIENT_URLS))
def test_anonymous_visitor_is_sent_to_login(client, own_client, name):
    url = CLIENT_URLS[name]
    kwargs = url.target(own_client, own_client.created_by)
    response = getattr(client, url.method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(CLIENT_URLS))
def test_missing_client_is_the_same_404(client, supervisor, own_client, name):
    url = CLIENT_URLS[name]
    kwargs = url.target(own_client, own_client.created_by) | {"pk": 10**9}
    client.force_login(supervisor)
    response = getattr(client, url.method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 404


LIST_PAGES = ["home", "client_list", "contact_list"]


@pytest.mark.parametrize("page", LIST_PAGES)
@pytest.mark.parametrize(
    ("username", "sees"),
    [
        ("advocate", {OWN_NAME}),
        ("advocate2", {OTHER_NAME}),
        ("trainee", set()),
        ("supervisor", {OWN_NAME, OTHER_NAME}),
        ("coordinator", set()),
        ("admin", set()),
    ],
)
def test_lists_show_only_visible_clients(
    client, staff, own_client, other_client, page, username, sees
):
    client.force_login(staff[username])
    response = client.get(reverse(page), {"q": "-"} if page == "client_list" else {})
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert {n for n in (OWN_NAME, OTHER_NAME) if n in body} == sees


def test_search_by_a_hidden_name_finds_nothing(client, advocate, own_client, other_client):
    client.force_login(advocate)
    response = client.get(reverse("client_list"), {"q": OTHER_NAME})
    body = response.content.decode()
    assert response.status_code == 200
    # The search box echoes what the advocate typed; no result row may follow.
    assert reverse("client_detail", args=[other_client.pk]) not in body
    assert body.count(OTHER_NAME) == 2  # the search box value and the empty-state message
    assert "No client you may see matches" in body


@pytest.mark.parametrize("term", ["Wren", "wr"])  # through the index, and too short for it
def test_a_search_shows_and_counts_only_the_advocates_own_clients(
    client, advocate, advocate2, term
):
    own = ClientFactory(pseudonym="Wren Own", created_by=advocate)
    others = ClientFactory.create_batch(30, pseudonym="Wren Other", created_by=advocate2)
    client.force_login(advocate)
    response = client.get(reverse("client_list"), {"q": term})
    page = response.context["page"]
    assert [c.pk for c in page.object_list] == [own.pk]
    assert (page.paginator.count, page.paginator.more) == (1, False)
    body = response.content.decode()
    assert "Wren Other" not in body
    assert not any(reverse("client_detail", args=[c.pk]) in body for c in others)


@pytest.mark.parametrize("name", sorted(COLLABORATION_URLS))
@pytest.mark.parametrize("username", ROLES)
def test_collaboration_matrix(client, staff, name, username):
    url = COLLABORATION_URLS[name]
    records = collaboration_records(staff["coordinator"])
    client.force_login(staff[username])
    response = getattr(client, url.method)(reverse(name, args=[records[url.slug].pk]))
    assert response.status_code == (url.ok if username in url.allowed else 404)


@pytest.mark.parametrize("name", sorted(COLLABORATION_URLS))
def test_missing_collaboration_record_is_a_404(client, coordinator, name):
    client.force_login(coordinator)
    url = COLLABORATION_URLS[name]
    assert getattr(client, url.method)(reverse(name, args=[10**9])).status_code == 404


# Staff approvals (crisis_center/staff.py): role changes and passwords an administrator
# set, decided by a supervisor or an administrator other than the one who asked. They
# name staff, never a client. The requests come from a second administrator, so the
# matrix's own administrator may decide them too.
DECIDERS = {"supervisor", "admin"}
STAFF_URLS = {
    "role_request_approve": RecordURL(DECIDERS, "role_request", method="post", ok=302),
    "role_request_refuse": RecordURL(DECIDERS, "role_request", method="post", ok=302),
    "staff_password_confirm": RecordURL(DECIDERS, "password_reset", method="post", ok=302),
}
NON_CLIENT_URLS |= STAFF_URLS.keys()


def _staff_records(staff) -> dict:
    from crisis_center import staff as staff_services
    from crisis_center.models import PasswordReset, RoleChangeRequest
    from crisis_center.roles import Role
    from tests.factories import StaffFactory

    asker = StaffFactory(username="admin-asker", role=Role.ADMINISTRATOR)
    return {
        "role_request": RoleChangeRequest.objects.create(
            staff=staff["coordinator"], role=Role.ADVOCATE, requested_by=asker
        ),
        "password_reset": staff_services.password_set_by_other(
            staff=staff["trainee"], by=asker, kind=PasswordReset.Kind.RESET
        ),
    }


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
@pytest.mark.parametrize("username", ROLES)
def test_staff_approvals_matrix(client, staff, name, username):
    url = STAFF_URLS[name]
    records = _staff_records(staff)
    user = staff[username]
    user.refresh_from_db()  # the trainee's account is held now
    client.force_login(user)
    response = getattr(client, url.method)(reverse(name, args=[records[url.slug].pk]))
    assert response.status_code == (url.ok if username in url.allowed else 404)
    assert client.get(reverse("staff_approvals")).status_code == (
        200 if username in url.allowed else 404
    )


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_missing_staff_request_is_a_404(client, supervisor, name):
    client.force_login(supervisor)
    assert client.post(reverse(name, args=[10**9])).status_code == 404


# The idle sign-out has no id: any role, or a session that has just ended, may post to
# it; it answers nothing but 204 (what it keeps: tests/crisis_center/test_kept_forms.py).
@pytest.mark.parametrize("username", [*ROLES, None])
def test_idle_sign_out_is_post_only_and_answers_nothing(client, staff, username):
    if username:
        client.force_login(staff[username])
    assert client.get(reverse("idle_sign_out")).status_code == 405
    response = client.post(reverse("idle_sign_out"))
    assert response.status_code == 204 and response.content == b""


# The on-call roster (crisis_center/roster_views.py): staff names and times, no client.
# Everyone with a role sees it; supervisors keep it; a swap is asked for by the person
# on the shift, and an offer to anyone may be taken (or refused, with why) by anyone
# with a role. A swap refused for the person (not certified) still answers 302.
EVERYONE = set(ROLES)
KEEPERS = {"supervisor"}


@dataclass(frozen=True)
class RosterURL:
    allowed: set[str]
    args: Callable = lambda records: []
    method: str = "get"
    ok: int = 200


def _roster_records(staff) -> dict:
    from crisis_center import roster
    from crisis_center.models import Shift, ShiftKind

    start = timezone.now() + timedelta(days=2)
    shift = Shift.objects.create(
        kind=ShiftKind.objects.get(name="Hotline"), staff=staff["advocate"], starts_at=start,
        ends_at=start + timedelta(hours=8), created_by=staff["supervisor"],
    )  # fmt: skip
    offered = roster.swap_ask(shift=shift, by=staff["advocate"], to=None)
    return {"shift": shift.pk, "kind": shift.kind_id, "swap": offered.pk}


ROSTER_URLS = {
    "roster_week": RosterURL(EVERYONE),
    "roster_this_month": RosterURL(EVERYONE, ok=302),
    "roster_month": RosterURL(EVERYONE, lambda r: [2026, 12]),
    "swap_list": RosterURL(EVERYONE),
    "shift_create": RosterURL(KEEPERS),
    "shift_edit": RosterURL(KEEPERS, lambda r: [r["shift"]]),
    "shift_delete": RosterURL(KEEPERS, lambda r: [r["shift"]], method="post", ok=302),
    "shift_repeat": RosterURL(KEEPERS, lambda r: [r["shift"]], method="post"),  # no days: the form
    "shift_kind_list": RosterURL(KEEPERS),
    "shift_kind_create": RosterURL(KEEPERS),
    "shift_kind_edit": RosterURL(KEEPERS, lambda r: [r["kind"]]),
    "swap_create": RosterURL({"advocate"}, lambda r: [r["shift"]]),  # the advocate's shift
    "swap_take": RosterURL(EVERYONE, lambda r: [r["swap"]], method="post", ok=302),
    "swap_withdraw": RosterURL(EVERYONE, lambda r: [r["swap"]], method="post", ok=302),
    "swap_approve": RosterURL(KEEPERS, lambda r: [r["swap"]], method="post", ok=302),
    "swap_refuse": RosterURL(KEEPERS, lambda r: [r["swap"]], method="post", ok=302),
}
NON_CLIENT_URLS |= ROSTER_URLS.keys()


# The center's own entries in its lists (crisis_center/local_choice_views.py): labels,
# never a client; supervisors and administrators keep them.
LIST_KEEPERS = {"supervisor", "admin"}
CHOICE_URLS = {
    "choice_edit": RosterURL(LIST_KEEPERS, lambda r: [r["entry"]]),
    "choice_retire": RosterURL(LIST_KEEPERS, lambda r: [r["entry"]], method="post", ok=302),
    "choice_restore": RosterURL(LIST_KEEPERS, lambda r: [r["entry"]], method="post", ok=302),
}
NON_CLIENT_URLS |= CHOICE_URLS.keys()


@pytest.mark.parametrize("name", sorted(CHOICE_URLS))
@pytest.mark.parametrize("username", ROLES)
def test_choice_list_matrix(client, staff, name, username):
    from crisis_center.local_choices import LocalChoice

    entry = LocalChoice.objects.create(list_name="needs", label="Diapers")
    url = CHOICE_URLS[name]
    client.force_login(staff[username])
    response = getattr(client, url.method)(reverse(name, args=url.args({"entry": entry.pk})))
    assert response.status_code == (url.ok if username in url.allowed else 404)


@pytest.mark.parametrize("name", sorted(CHOICE_URLS))
def test_missing_choice_list_entry_is_a_404(client, supervisor, name):
    client.force_login(supervisor)
    assert getattr(client, CHOICE_URLS[name].method)(reverse(name, args=[10**9])).status_code == 404


@pytest.mark.parametrize("name", sorted(ROSTER_URLS))
@pytest.mark.parametrize("username", ROLES)
def test_roster_matrix(client, staff, name, username):
    url = ROSTER_URLS[name]
    records = _roster_records(staff)
    client.force_login(staff[username])
    response = getattr(client, url.method)(reverse(name, args=url.args(records)))
    assert response.status_code == (url.ok if username in url.allowed else 404)


@pytest.mark.parametrize(
    "name",
    sorted(n for n, u in ROSTER_URLS.items() if u.args({"shift": 1, "kind": 1, "swap": 1}) == [1]),
)
def test_missing_roster_record_is_a_404(client, supervisor, advocate, name):
    client.force_login(supervisor if name != "swap_create" else advocate)
    url = ROSTER_URLS[name]
    assert getattr(client, url.method)(reverse(name, args=[10**9])).status_code == 404

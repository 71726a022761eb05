"""Named capabilities (crisis_center/permissions.py): who may do what, the training every
write needs, and no role check anywhere else in the code or the templates."""

import ast
import re
from pathlib import Path

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from crisis_center import permissions
from crisis_center.models import TrainingRecord
from crisis_center.roles import CARE_ROLES, ROLES_NEEDING_APPROVAL, Role
from tests.factories import (
    ContactFactory,
    StaffFactory,
    TrainingRecordFactory,
    advocacy_records,
    conference_records,
)

ROOT = Path(__file__).resolve().parents[1]

# What DESIGN.md "Who uses it" gives each role, written out here on its own so that a
# change in the permissions module has to be made twice to pass.
ADVOCATE, SUPERVISOR = {Role.ADVOCATE}, {Role.SUPERVISOR}
COORDINATOR, ADMINISTRATOR = {Role.COORDINATOR}, {Role.ADMINISTRATOR}
CARE = ADVOCATE | SUPERVISOR
EXPECTED = {
    "see_clients": CARE,
    "open_files": CARE,
    "close_files": CARE,
    "log_contacts": CARE,
    "log_records": CARE,
    "log_counseling": CARE,
    "use_emergency_access": ADVOCATE,
    "assign_care_teams": SUPERVISOR,
    "see_history": SUPERVISOR,
    "review_emergency_access": SUPERVISOR,
    "purge_files": SUPERVISOR,
    "import_records": SUPERVISOR,
    "see_mandated_report_gaps": SUPERVISOR,
    "see_groups": CARE,
    "run_groups": CARE,
    "see_reports": SUPERVISOR | COORDINATOR,
    "see_exact_counts": SUPERVISOR,
    "see_report_entries": SUPERVISOR,
    "see_caseloads": SUPERVISOR,
    "hand_out_feedback_links": CARE,
    "manage_kiosks": SUPERVISOR,
    "see_feedback_results": SUPERVISOR | COORDINATOR,
    "search_directory": set(Role),
    "keep_directory": COORDINATOR,
    "see_agreements": COORDINATOR | SUPERVISOR,
    "run_outreach": CARE | COORDINATOR,
    "manage_collaboration": COORDINATOR | SUPERVISOR,
    "see_roster": set(Role),
    "keep_roster": SUPERVISOR,
    "manage_staff": ADMINISTRATOR,
    "keep_center_settings": ADMINISTRATOR,
    "clear_uncollected_fields": SUPERVISOR,
    "keep_choice_lists": SUPERVISOR | ADMINISTRATOR,
    "decide_staff_requests": SUPERVISOR | ADMINISTRATOR,
}
# DESIGN.md rule 3: logging a service (and being on a care team, which opening a file
# does) needs the 40-hour training; counseling 20 hours more.
WRITES = {
    "open_files",
    "close_files",
    "log_contacts",
    "log_records",
    "run_groups",
    "use_emergency_access",
    "import_records",
}
COUNSELING = {"log_counseling"}


def _trained(role: Role, **fields):
    user = StaffFactory(role=role, certified=True, **fields)
    TrainingRecordFactory(staff=user, topic="counseling", hours=20)
    return user


def test_every_capability_is_in_the_expected_table():
    assert set(permissions.CAPABILITIES) == set(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_the_capabilities_design_gives_it(role):
    user = _trained(role)
    allowed = {name for name in EXPECTED if permissions.can(user, name)}
    assert allowed == {name for name, roles in EXPECTED.items() if role in roles}


def test_every_write_needs_the_training():
    trained = {name for name, c in permissions.CAPABILITIES.items() if c.training}
    assert trained == WRITES | COUNSELING
    assert {n for n, c in permissions.CAPABILITIES.items() if c.counseling} == COUNSELING


@pytest.mark.django_db
def test_a_trainee_may_read_but_not_write(trainee):
    allowed = {name for name in EXPECTED if permissions.can(trainee, name)}
    reads = {n for n, roles in EXPECTED.items() if Role.ADVOCATE in roles} - WRITES - COUNSELING
    assert allowed == reads


@pytest.mark.django_db
def test_forty_hours_without_counseling_hours_logs_all_but_counseling(advocate):
    assert permissions.can(advocate, "log_records")
    assert not permissions.can(advocate, "log_counseling")


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_a_deactivated_account_may_do_nothing(role):
    user = _trained(role, is_active=False)
    assert not any(permissions.can(user, name) for name in EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(CARE_ROLES))
def test_a_held_account_in_a_care_role_may_do_nothing(role):
    """A password an administrator chose, not yet confirmed by a second person."""
    user = _trained(role, access_held=True)
    assert not any(permissions.can(user, name) for name in EXPECTED)


@pytest.mark.django_db
def test_a_held_administrator_keeps_staff_administration_but_decides_nothing():
    user = _trained(Role.ADMINISTRATOR, access_held=True)
    assert {name for name in EXPECTED if permissions.can(user, name)} == {
        "search_directory",
        "see_roster",
        "manage_staff",
    }


@pytest.mark.django_db
def test_a_superuser_gains_nothing_by_it(administrator):
    assert administrator.is_superuser
    assert {n for n in EXPECTED if permissions.can(administrator, n)} == {
        "search_directory",
        "see_roster",
        "manage_staff",
        "keep_center_settings",
        "keep_choice_lists",
        "decide_staff_requests",
    }


def test_an_unknown_capability_fails_at_import():
    with pytest.raises(KeyError):
        permissions.required("log_everything")


# The decorator ------------------------------------------------------------------------


def _view(request) -> HttpResponse:
    return HttpResponse("done")


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_the_decorator_answers_404_to_a_role_that_never_may(coordinator):
    with pytest.raises(Http404):
        permissions.required("log_contacts")(_view)(_request(coordinator))


@pytest.mark.django_db
def test_the_decorator_shows_the_training_page_to_a_trainee(trainee):
    response = permissions.required("log_contacts")(_view)(_request(trainee))
    assert response.status_code == 403
    assert b"Training needed first" in response.content


@pytest.mark.django_db
def test_the_counseling_capability_names_the_counseling_hours(advocate):
    response = permissions.refusal(_request(advocate), "log_counseling")
    assert response.status_code == 403
    assert b"20 hours of counseling training" in response.content


@pytest.mark.django_db
def test_the_decorator_runs_the_view_for_those_who_may(advocate):
    assert permissions.required("log_contacts")(_view)(_request(advocate)).content == b"done"


# The four writes that did not check training ------------------------------------------


# session, user, savepoint, the record through the policy, its client's emergency
# grants, the access log, the training, release savepoint, and the session's save in
# its own savepoint (3): the refusal comes before any write.
REFUSED = 12


@pytest.fixture
def withdrawn(advocate, own_client):
    """`advocate`, on own_client's care team, after the training record that certified
    them was withdrawn (entered in error): still on the team, no longer trained."""
    records = {
        **advocacy_records(own_client, advocate),
        **conference_records(own_client, advocate),
        "contact": ContactFactory(advocate=advocate, client=own_client, note="First call."),
    }
    TrainingRecord.objects.filter(staff=advocate).delete()
    return records


def test_an_untrained_advocate_cannot_mark_a_conference_action_done(
    client, advocate, own_client, withdrawn, django_assert_max_num_queries
):
    item = withdrawn["item"]
    url = reverse(
        "conference_action_done",
        kwargs={"pk": own_client.pk, "conference_pk": item.conference_id, "item_pk": item.pk},
    )
    client.force_login(advocate)
    with django_assert_max_num_queries(REFUSED):
        response = client.post(url)
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.done_at is None


def test_an_untrained_advocate_cannot_mark_a_follow_up_done(
    client, advocate, withdrawn, django_assert_max_num_queries
):
    record = withdrawn["medical"]
    client.force_login(advocate)
    with django_assert_max_num_queries(REFUSED):
        response = client.post(reverse("follow_up_done", kwargs={"pk": record.pk}))
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.follow_up_done_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_untrained_advocate_cannot_edit_a_contact(
    client, advocate, withdrawn, method, django_assert_max_num_queries
):
    contact = withdrawn["contact"]
    client.force_login(advocate)
    with django_assert_max_num_queries(REFUSED):
        response = getattr(client, method)(
            reverse("contact_edit", kwargs={"pk": contact.pk}), {"note": "Changed."}
        )
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.note == "First call."


def test_a_release_is_revoked_at_once_whoever_records_it(
    client, advocate, withdrawn, django_assert_max_num_queries
):
    """Revoking a release is the client's right (DESIGN.md rule 6: revocable) and stops
    sharing the moment anyone who can see the release hears it: it never waits for the
    training of whoever writes it down."""
    release = withdrawn["release"]
    client.force_login(advocate)
    # The release through the policy and the access log, no training query, then its
    # save: the row, its history, and the derived counts and ledger kept by signals.
    with django_assert_max_num_queries(19):
        response = client.post(reverse("release_revoke", kwargs={"pk": release.pk}))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.revoked_at is not None and release.revoked_by == advocate


def test_the_untrained_advocate_still_sees_the_client(client, advocate, own_client, withdrawn):
    """The refusals above are the training's, not the policy's."""
    client.force_login(advocate)
    assert client.get(reverse("client_detail", kwargs={"pk": own_client.pk})).status_code == 200


# No role check outside the permissions module -----------------------------------------

ROLE_VALUES = set(Role.values)
ROLE_TUPLES = {"CARE_ROLES": CARE_ROLES, "ROLES_NEEDING_APPROVAL": ROLES_NEEDING_APPROVAL}
# The only modules that name roles to decide something (migrations hold history).
ALLOWED = {"crisis_center/permissions.py", "crisis_center/roles.py"}
# Demo and test data make staff in each role and pick, among the staff they made, who
# logs what: that decides nothing about access.
DATA_MAKERS = {
    "intake/scale.py",
    "intake/management/commands/seed_demo.py",
    "bench/load_test.py",
    "bench/directory_search.py",
}


def _is_member(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Role"
        and node.attr.isupper()
    )


def _is_role(node: ast.AST, *, strings: bool) -> bool:
    """A fixed role: Role.ADVOCATE, a role tuple, a literal of roles, and where `strings`
    (a comparison's side) "advocate" too. A literal's strings alone are no role tuple:
    ("advocate",) is also the name of a field."""
    if _is_member(node):
        return True
    if isinstance(node, ast.Constant):
        return strings and node.value in ROLE_VALUES
    if isinstance(node, ast.Name | ast.Attribute):
        return (node.id if isinstance(node, ast.Name) else node.attr) in ROLE_TUPLES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return _is_role_literal(node, strings=strings)
    return False


def _is_role_literal(node: ast.AST, *, strings: bool) -> bool:
    elements = getattr(node, "elts", [])
    return bool(elements) and all(
        _is_role(e.value if isinstance(e, ast.Starred) else e, strings=strings) for e in elements
    )


def _is_role_attribute(node: ast.AST) -> bool:
    """Someone's role, a role typed in, or every role: comparing these decides nothing
    about what a role may do (the staff admin choosing a role, a command checking it)."""
    if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "Role":
        return node.attr in {"values", "names"}
    return (isinstance(node, ast.Attribute) and node.attr == "role") or (
        isinstance(node, ast.Name) and node.id == "role"
    )


def _given_roles(tree: ast.AST) -> set[int]:
    """Role.X given to a staff member as theirs: User(role=Role.X), setdefault("role", Role.X)."""
    given = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            given |= {id(k.value) for k in node.keywords if k.arg == "role"}
            for before, arg in zip(node.args, node.args[1:], strict=False):
                if isinstance(before, ast.Constant) and before.value == "role":
                    given.add(id(arg))
    return given


def role_checks(source: str) -> list[str]:
    """Role tuples, comparisons with a fixed role or a role list, queries by role, and any
    other use of Role.X than giving it to someone, in Python source."""
    tree = ast.parse(source)
    given = _given_roles(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and _is_role_literal(
            node, strings=False
        ):
            found.append(f"role tuple on line {node.lineno}")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_role(side, strings=True) for side in sides) or (
                any(map(_is_role_attribute, sides)) and not all(map(_is_role_attribute, sides))
            ):
                found.append(f"role comparison on line {node.lineno}")
        elif _is_member(node) and id(node) not in given:
            found.append(f"Role.{node.attr} on line {node.lineno}")
        elif isinstance(node, ast.Call):
            if (
                isinstance(node.func, ast.Name)
                and node.func.id in {"tuple", "list", "set", "frozenset"}
                and any(isinstance(a, ast.Name) and a.id == "Role" for a in node.args)
            ):
                found.append(f"every role on line {node.lineno}")
            if any(k.arg and k.arg.startswith("role__") for k in node.keywords):
                found.append(f"query by role on line {node.lineno}")
    return found


ROLE_STRING = "|".join(sorted(ROLE_VALUES))
TEMPLATE_ROLE_CHECK = re.compile(
    rf"\brole\s*(==|!=|\bin\b|\bnot\s+in\b)|(==|!=)\s*[\"']({ROLE_STRING})[\"']|\baccess_held\b"
)


def template_role_checks(text: str) -> list[str]:
    return [m.group(0) for m in TEMPLATE_ROLE_CHECK.finditer(text)]


@pytest.mark.parametrize(
    "source",
    [
        'if user.role == "advocate": pass',
        "if request.user.role != Role.COORDINATOR: pass",
        "CARE = (Role.ADVOCATE, Role.SUPERVISOR)",
        "KEEPERS = (Role.COORDINATOR,)",
        "STAFF = tuple(Role)",
        "ok = acting_role(user) in (Role.ADVOCATE, Role.SUPERVISOR)",
        "ok = user.role in CARE_ROLES",
        "ok = role not in roles.ROLES_NEEDING_APPROVAL",
        "ROLES = (*CARE_ROLES, Role.ADMINISTRATOR)",
        "User.objects.filter(role__in=[Role.ADVOCATE])",
        'ok = request.user.role in ("supervisor", "coordinator")',
        "ok = request.user.role in section.roles",
        "@policy.role_required(Role.SUPERVISOR)\ndef view(request): pass",
    ],
)
def test_the_check_finds_a_role_check(source):
    assert role_checks(source)


@pytest.mark.parametrize(
    "source",
    [
        "if self.staff.role == self.role: pass",  # asking for the role one already has
        "User(username='a', role=Role.ADVOCATE)",  # making a staff member
        'extra_fields.setdefault("role", Role.ADMINISTRATOR)',
        "if role not in Role.values: pass",  # checking a typed role name
        "choices = [(r.value, r.label) for r in ROLES_NEEDING_APPROVAL]",
        "if not permissions.can(user, 'keep_directory'): pass",
        'select_related = ("advocate",)',  # a field that has a role's name
    ],
)
def test_the_check_lets_legitimate_uses_be(source):
    assert role_checks(source) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('{% if user.role == "coordinator" %}', True),
        ("{% if user.role != 'supervisor' %}", True),
        ('{% if x == "administrator" %}', True),
        ("{% if not user.access_held and sees_all_clients %}", True),
        ("{% if can.keep_directory %}", False),
        ('{{ user.get_role_display|default:"no role" }}', False),
        ('<div role="alert">', False),
    ],
)
def test_the_template_check_finds_a_role_check(text, found):
    assert bool(template_role_checks(text)) == found


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        first = relative.parts[0]
        if first.startswith(".") or first in {"tests", "node_modules", "var", "staticfiles"}:
            continue
        if "migrations" in relative.parts:
            continue
        yield relative.as_posix(), path


def test_no_role_check_outside_the_permissions_module():
    offenders = {
        name: found
        for name, path in _python_files()
        if name not in ALLOWED | DATA_MAKERS and (found := role_checks(path.read_text()))
    }
    assert offenders == {}, "Name a capability in crisis_center/permissions.py instead"


def test_the_allowed_modules_exist():
    names = {name for name, _path in _python_files()}
    assert names >= ALLOWED | DATA_MAKERS


def test_no_role_check_in_a_template():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (found := template_role_checks(path.read_text()))
    }
    assert offenders == {}, "Use {% if can.<capability> %} (crisis_center/permissions.py)"


def test_every_capability_a_template_names_exists():
    """A template swallows a misspelt name as false: catch it here."""
    named = {
        name
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        for name in re.findall(r"\bcan\.(\w+)", path.read_text())
    }
    assert named and named <= set(permissions.CAPABILITIES)

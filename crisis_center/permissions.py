"""Named capabilities: one name for each thing a staff member may do, and the only place
that says which roles may do it (DESIGN.md "Who uses it").

Which *client* a person may see is not decided here but in crisis_center.policy's
querysets (a client nobody may see is a 404); this module says which pages and actions
a role opens at all, and what training each write needs (DESIGN.md rule 3). Every
capability is a `rules` predicate on the user, built on `acting_role`, so a deactivated
account and a held one get nothing a care role would give.

Views use `@required("name")`, or `refusal(request, "name")` after loading the client
through the policy (so an unseen client stays a 404 and is not revealed by a training
page); templates use `can.name` (crisis_center.context_processors). Django's has_perm is
not used: it grants a superuser everything, and here a superuser is an administrator
who sees no client.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

import rules
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from crisis_center.roles import CARE_ROLES, Role


def acting_role(user) -> str | None:
    """The role a user acts in now: none when signed out or deactivated, and none of the
    client-seeing roles while their account is held (a password an administrator chose
    and no supervisor has confirmed yet: crisis_center/staff.py)."""
    if not (user.is_authenticated and user.is_active):
        return None
    if user.access_held and user.role in CARE_ROLES:
        return None
    return user.role


def _acts_as(role: Role) -> rules.Predicate:
    return rules.Predicate(lambda user: acting_role(user) == role, name=f"acts_as_{role}")


is_advocate = _acts_as(Role.ADVOCATE)
is_supervisor = _acts_as(Role.SUPERVISOR)
is_coordinator = _acts_as(Role.COORDINATOR)
is_administrator = _acts_as(Role.ADMINISTRATOR)
has_a_role = is_advocate | is_supervisor | is_coordinator | is_administrator


@rules.predicate
def not_held(user) -> bool:
    """A password an administrator chose waits for a second person (crisis_center/staff.py)."""
    return not user.access_held


# ICASA / DESIGN.md rule 3: 40 hours of crisis intervention training to be on a care team
# or log a service; 20 hours more to log counseling. One query, once per request.
@rules.predicate
def crisis_trained(user) -> bool:
    return user.is_certified


@rules.predicate
def counseling_trained(user) -> bool:
    return user.is_counseling_certified


# The client access policy's roles (crisis_center.policy filters with these).
sees_all_clients = is_supervisor
holds_caseload = is_advocate
sees_client_data = is_supervisor | is_advocate  # what menus and home pages show


@dataclass(frozen=True)
class Capability:
    """`who` may use the page at all (others get 404, as if it did not exist);
    `training` is what a write needs on top (others get the training page, 403)."""

    who: rules.Predicate
    training: rules.Predicate | None = None
    counseling: bool = False  # which training page to show

    @property
    def predicate(self) -> rules.Predicate:
        return self.who & self.training if self.training else self.who


def _write(who: rules.Predicate) -> Capability:
    return Capability(who, crisis_trained)


CAPABILITIES: dict[str, Capability] = {
    # Client files (which clients: crisis_center.policy).
    "see_clients": Capability(sees_client_data),
    "open_files": _write(sees_client_data),  # opening a file puts an advocate on its team
    # Closing or reopening a file: its care team (trained, as any write) and supervisors.
    "close_files": _write(sees_client_data),
    "log_contacts": _write(sees_client_data),
    "log_records": _write(sees_client_data),
    "log_counseling": Capability(sees_client_data, counseling_trained, counseling=True),
    "use_emergency_access": _write(is_advocate),
    "assign_care_teams": Capability(is_supervisor),
    "see_history": Capability(is_supervisor),
    "review_emergency_access": Capability(is_supervisor),
    "purge_files": Capability(is_supervisor),
    # Blanking the values of fields the center no longer collects (crisis_center/center.py).
    "clear_uncollected_fields": Capability(is_supervisor),
    # Moving a center in from another system (intake/imports.py): it writes every kind of
    # record, as the one who runs it, so it needs the training of any write.
    "import_records": _write(is_supervisor),
    # Minors' files with no mandated-report decision, on the home page.
    "see_mandated_report_gaps": Capability(is_supervisor),
    # Support groups (no client data on their pages; attendance is logged in the file).
    "see_groups": Capability(sees_client_data),
    "run_groups": _write(sees_client_data),
    # Reports: counts for coordinators, exact counts and the entries behind for supervisors.
    "see_reports": Capability(is_supervisor | is_coordinator),
    "see_exact_counts": Capability(is_supervisor),
    "see_report_entries": Capability(is_supervisor),
    "see_caseloads": Capability(is_supervisor),
    # Client feedback.
    "hand_out_feedback_links": Capability(sees_client_data),
    "manage_kiosks": Capability(is_supervisor),
    "see_feedback_results": Capability(is_supervisor | is_coordinator),
    # The referral directory, partner agencies and networking agreements.
    "search_directory": Capability(has_a_role),
    "keep_directory": Capability(is_coordinator),
    "see_agreements": Capability(is_coordinator | is_supervisor),
    # Collaboration: coordinators keep it, supervisors plan with them; outreach holds
    # no client data and advocates do it too.
    "run_outreach": Capability(is_advocate | is_supervisor | is_coordinator),
    "manage_collaboration": Capability(is_coordinator | is_supervisor),
    # The on-call roster (crisis_center/roster.py): names staff and times, never a
    # client. Everyone with a role sees who is on call and asks to swap their own
    # shifts; supervisors keep it. The training the hotline needs is checked on the
    # person put on a shift, not on who writes the roster.
    "see_roster": Capability(has_a_role),
    "keep_roster": Capability(is_supervisor),
    # Staff: administrators manage accounts; a second person decides what could open
    # client files (crisis_center/staff.py), never while their own account is held.
    "manage_staff": Capability(is_administrator),
    # The center's name and details, and the optional fields it does not collect.
    "keep_center_settings": Capability(is_administrator & not_held),
    # The center's own entries in the lists it extends (needs raised, outreach places,
    # closure reasons: crisis_center/local_choices.py); labels only, never a client.
    "keep_choice_lists": Capability((is_supervisor | is_administrator) & not_held),
    "decide_staff_requests": Capability((is_supervisor | is_administrator) & not_held),
}

for _name, _capability in CAPABILITIES.items():
    rules.add_rule(_name, _capability.predicate)  # {% load rules %}{% test_rule %} too


def can(user, name: str) -> bool:
    """Whether `user` may do it, training included."""
    return CAPABILITIES[name].predicate.test(user)


def refusal(request: HttpRequest, name: str) -> HttpResponse | None:
    """The answer when request.user may not do it, or None when they may: 404 for a role
    that never may, the training page (403) for one that may once trained.

    Views that load a client call this after the policy's lookup, so a client the user
    may not see stays a 404 and is never revealed by a training page."""
    capability = CAPABILITIES[name]
    user = request.user
    if not capability.who.test(user):
        raise Http404
    if capability.training and not capability.training.test(user):
        context = {"counseling": capability.counseling}
        return render(request, "not_certified.html", context, status=403)
    return None


def required(name: str) -> Callable:
    """Limit a view to those who may do `name` (see `refusal` for the answers)."""
    CAPABILITIES[name]  # an unknown name fails at import, not on the first request

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return refusal(request, name) or view(request, *args, **kwargs)

        return wrapper

    return decorator


class Can:
    """`can.name` in a template: whether the signed-in user may do it, asked when a
    template first looks. A template swallows a lookup error, so a test checks that every
    `can.` name in the templates is a capability."""

    def __init__(self, user) -> None:
        self._user = user
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._answers:
            self._answers[name] = can(self._user, name)
        return self._answers[name]

"""Role changes and passwords set by someone else: the administrator manages accounts
but never gains client access by it (DESIGN.md: separation of duties).

Two people for every step that could open client files: a role that opens them (or
staff administration) is asked for by one and approved by another, never the staff
member themselves; a password an administrator chose removes the person's two-factor
devices and holds their client access until someone else confirms they are back in.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from crisis_center import permissions
from crisis_center.models import PasswordReset, RoleChangeRequest, User


def decides_staff_requests(user) -> bool:
    """Supervisors and administrators approve role changes and confirm passwords; not
    while their own password waits for confirmation."""
    return permissions.can(user, "decide_staff_requests")


def _refuse_unless_another(*, by: User, asked_by: User, staff: User) -> None:
    if not decides_staff_requests(by):
        raise ValidationError(_("Only a supervisor or an administrator can decide this."))
    if by.pk == asked_by.pk:
        raise ValidationError(_("Someone other than the one who asked must decide this."))
    if by.pk == staff.pk:
        raise ValidationError(_("Nobody decides this for their own account."))


@transaction.atomic
def role_change_decide(*, asked: RoleChangeRequest, approve: bool, by: User) -> None:
    """Approve or refuse a waiting request, once. Approval sets the staff member's role."""
    _refuse_unless_another(by=by, asked_by=asked.requested_by, staff=asked.staff)
    Decision = RoleChangeRequest.Decision
    decision = Decision.APPROVED if approve else Decision.REFUSED
    # Decided once: of two people deciding at the same moment, only one row changes.
    decided = RoleChangeRequest.objects.pending().filter(pk=asked.pk)
    if not decided.update(decision=decision, decided_by=by, decided_at=timezone.now()):
        raise ValidationError(_("This request was already decided."))
    if approve:
        staff = User.objects.select_for_update().get(pk=asked.staff_id)
        staff.role = asked.role
        staff.save()


@transaction.atomic
def password_set_by_other(*, staff: User, by: User, kind: str) -> PasswordReset:
    """Someone else chose `staff`'s password: they enrol their two-factor again at the
    next sign-in, and their account is held until another person confirms it."""
    removed = 0
    for device in devices_for_user(staff, confirmed=None):
        device.delete()
        removed += 1
    staff.access_held = True
    staff.save(update_fields=["access_held"])
    return PasswordReset.objects.create(staff=staff, by=by, kind=kind, devices_removed=removed)


@transaction.atomic
def password_confirm(*, reset: PasswordReset, by: User) -> None:
    """The person is back in with a password and an authenticator of their own (seen by
    `by`): lift the hold once no other password set for them waits."""
    _refuse_unless_another(by=by, asked_by=reset.by, staff=reset.staff)
    waiting = PasswordReset.objects.unconfirmed().filter(pk=reset.pk)
    if not waiting.update(confirmed_by=by, confirmed_at=timezone.now()):
        raise ValidationError(_("This was already confirmed."))
    if not PasswordReset.objects.unconfirmed().filter(staff_id=reset.staff_id).exists():
        staff = User.objects.select_for_update().get(pk=reset.staff_id)
        staff.access_held = False
        staff.save(update_fields=["access_held"])


@transaction.atomic
def role_grant_on_server(*, staff: User, role: str) -> None:
    """The operator's way in for a new installation, where nobody could approve yet:
    set the role and lift the hold (manage.py grant_role). Whoever runs it holds the
    server and its database already; the staff history keeps the change."""
    PasswordReset.objects.unconfirmed().filter(staff=staff).update(confirmed_at=timezone.now())
    staff.role = role
    staff.access_held = False
    staff.save()


def approvals_waiting() -> tuple[QuerySet, QuerySet]:
    """What waits for a decision: role requests, and passwords set by someone else."""
    requests = RoleChangeRequest.objects.pending().select_related("staff", "requested_by")
    resets = (
        PasswordReset.objects.unconfirmed()
        .select_related("staff", "by")
        .annotate(
            enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("staff_id"), confirmed=True))
        )
    )
    return requests.order_by("requested_at", "id"), resets.order_by("at", "id")

"""Small views of the project package."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from crisis_center import kept_forms, permissions, staff
from crisis_center.models import PasswordReset, RoleChangeRequest


@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """Typing counts as activity: the page pings this, and the session's expiry moves on
    (SESSION_SAVE_EVERY_REQUEST). Nothing else happens."""
    return HttpResponse(status=204)


@login_not_required
@require_POST
def idle_sign_out(request: HttpRequest) -> HttpResponse:
    """The page's idle timer reached zero (static/js/session-timer.js): keep the form
    being typed on the page at ?path= for its author, end the session, and let the page
    leave for the sign-in page. Open without a session: it may have ended already."""
    if path := request.GET.get("path"):
        kept_forms.keep_posted(request, path)
    if request.user.is_authenticated:
        logout(request)
    return HttpResponse(status=204)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or a monitor: the database answers and every migration is
    applied. Open without an account, so it says nothing but ok or unavailable."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        pending = None
    if pending == []:
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "unavailable"}, status=503)


RECENT = 20


@permissions.required("decide_staff_requests")
def staff_approvals(request: HttpRequest) -> HttpResponse:
    """Role changes waiting for a second person, passwords set by someone else waiting
    for confirmation, and the latest decisions. Names staff only, never a client."""
    requests, resets = staff.approvals_waiting()
    decided = (
        RoleChangeRequest.objects.exclude(decision=RoleChangeRequest.Decision.PENDING)
        .select_related("staff", "requested_by", "decided_by")
        .order_by("-decided_at", "-id")[:RECENT]
    )
    return render(
        request,
        "staff/approvals.html",
        {"requests": requests, "resets": resets, "decided": decided},
    )


def _decide(request: HttpRequest, pk: int, *, approve: bool) -> HttpResponse:
    asked = get_object_or_404(
        RoleChangeRequest.objects.select_related("staff", "requested_by"), pk=pk
    )
    try:
        staff.role_change_decide(asked=asked, approve=approve, by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        if approve:
            done = _("%(staff)s now has the role: %(role)s.")
        else:
            done = _("%(staff)s keeps their role; refused: %(role)s.")
        messages.success(request, done % {"staff": asked.staff, "role": asked.get_role_display()})
    return redirect("staff_approvals")


@require_POST
@permissions.required("decide_staff_requests")
def role_request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=True)


@require_POST
@permissions.required("decide_staff_requests")
def role_request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=False)


@require_POST
@permissions.required("decide_staff_requests")
def staff_password_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    reset = get_object_or_404(PasswordReset.objects.select_related("staff", "by"), pk=pk)
    try:
        staff.password_confirm(reset=reset, by=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Confirmed: %(staff)s is back in.") % {"staff": reset.staff})
    return redirect("staff_approvals")

"""Small views of the project package."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from crisis_center import kept_forms


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

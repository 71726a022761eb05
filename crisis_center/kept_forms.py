"""Forms kept across the idle sign-out, for the person who typed them and no one else
(DESIGN.md rules 2 and 10, "no lost work").

A form sent after its session ended (pressed Save too late, or sent by the page's idle
timer at zero) is kept in its own table, keyed to the staff member whose session the
browser's cookie still names; never in the session, which from then on belongs to
whoever signs in next at that browser. It comes back only to its author after they sign
in again, on the page it was typed on, and only once that page's view has answered 200
for them: the view's own access check runs first, and the view renders its own form
that the page's script fills in. It is deleted when returned, and after
KEPT_FORM_MINUTES whether or not anyone came back for it. Purge finds kept forms by the
client's words and pages (`forget`).
"""

import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme

from crisis_center.models import KeptForm, User

# The pages this session has a kept form for: paths only, never what was typed.
SESSION_PATHS = "kept_form_paths"

_MAIN = re.compile(r"<main\b[^>]*>")


def keep_posted(request: HttpRequest, path: str) -> None:
    """Keep what `request` posts for the page at `path`, for the staff member whose
    session it is or, once ended, was. Files are not kept; a page open without signing
    in, or an author no one can name, keeps nothing."""
    fields = [
        [name, value]
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    if not fields or not _needs_sign_in(path):
        return
    user = request.user if request.user.is_authenticated else author_of_ended_session(request)
    if user is None:
        return
    discard_expired()
    KeptForm.objects.filter(user=user, path=path).delete()
    KeptForm.objects.create(user=user, path=path, fields=fields)


def author_of_ended_session(request: HttpRequest) -> User | None:
    """The staff member whose session the browser's cookie still names after it ended.

    The idle timeout ends a session on the server, and its row stays (until
    `clearsessions`) with the cookie that names it. None when it is gone (signed out,
    cleared), held no one, or its user's password changed since (as a live session
    would then be refused too).
    """
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    model = getattr(request.session, "model", None)  # sessions kept in the database
    row = model.objects.filter(session_key=key).first() if key and model else None
    if row is None:
        return None
    data = request.session.decode(row.session_data)
    try:
        pk = User._meta.pk.to_python(data[auth.SESSION_KEY])
        user = User.objects.get(pk=pk, is_active=True)
    except (KeyError, ValidationError, User.DoesNotExist):
        return None
    if not constant_time_compare(data.get(auth.HASH_SESSION_KEY, ""), user.get_session_auth_hash()):
        return None
    return user


def _needs_sign_in(path: str) -> bool:
    """A page of this site that asks for a signed-in user: the only pages a form is kept
    for. The idle timer names the page, so the path is checked before it is stored."""
    if len(path) > KeptForm._meta.get_field("path").max_length or not path.startswith("/"):
        return False
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return False
    try:
        view = resolve(path).func
    except Resolver404:
        return False
    return getattr(view, "login_required", True)


@receiver(user_logged_in)
def remember_at_sign_in(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """Note in the new session which pages hold a form kept for this user, so that other
    pages cost no query."""
    if request is None:  # a sign-in made outside a request, by a script
        return
    discard_expired()
    paths = list(KeptForm.objects.filter(user=user).values_list("path", flat=True).distinct())
    if paths:
        request.session[SESSION_PATHS] = paths


def return_to_author(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """On the page a form was kept for, once its view answered 200 for the signed-in
    author, add the kept values and the script that puts them back in the page's form."""
    paths = request.session.get(SESSION_PATHS) or []
    if (
        request.path not in paths
        or request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return response
    found = list(
        KeptForm.objects.filter(user=request.user, path=request.path).order_by("-created_at")
    )
    for row in found:
        row.delete()
    kept = found[0] if found and found[0].created_at >= _cutoff() else None
    request.session[SESSION_PATHS] = [path for path in paths if path != request.path]
    content = response.content.decode(response.charset)
    main = _MAIN.search(content)
    if kept is not None and main is not None:
        notice = render_to_string("registration/kept_form.html", {"fields": kept.fields})
        response.content = content[: main.end()] + notice + content[main.end() :]
    return response


def forget(mentions: Callable[[str], bool]) -> int:
    """Delete every kept form whose page or any value `mentions` accepts (a purge passes
    its test for the client's words and pages); expired ones go too. Returns how many."""
    discard_expired()
    matching = [
        kept.pk
        for kept in KeptForm.objects.only("pk", "path", "fields")
        if mentions(kept.path) or any(mentions(value) for _, value in kept.fields)
    ]
    KeptForm.objects.filter(pk__in=matching).delete()
    return len(matching)


def discard_expired() -> int:
    """Delete the kept forms older than KEPT_FORM_MINUTES."""
    deleted, _ = KeptForm.objects.filter(created_at__lt=_cutoff()).delete()
    return deleted


def _cutoff():
    return timezone.now() - timedelta(minutes=settings.KEPT_FORM_MINUTES)

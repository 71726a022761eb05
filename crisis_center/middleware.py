"""Response headers for pages that may carry client data, and the answers to a save
that went wrong: sent twice, or cut off by the database."""

import logging
from collections.abc import Callable

from django.contrib.sessions import middleware as sessions
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from crisis_center import form_tokens, kept_forms

logger = logging.getLogger(__name__)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class NoStoreMiddleware:
    """Never let a browser or proxy keep a copy of a page seen by a signed-in user.

    Shared office computers: the back button after logout must not show a client's file.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class KeepPostAcrossLoginMiddleware:
    """The idle timeout never throws away a form being typed, nor shows it to anyone else.

    A form posted after the session ended (already past the CSRF check, which runs
    first) is kept for the person whose session it was, outside the session; after they
    sign in again, the page it was meant for gets it back once its view has answered 200
    for them (crisis_center/kept_forms.py). Files are not kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response = kept_forms.return_to_author(request, response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method == "POST" and not request.user.is_authenticated and not request.FILES:
            kept_forms.keep_posted(request, request.path)
        return None


class AlreadySavedMiddleware:
    """A create form sent a second time (crisis_center.form_tokens) saved nothing; the
    view went on as after the first save. Its redirect becomes a page that says so and
    links to where the first save led.

    Listed after MessageMiddleware, so the view's "saved" message is dropped before
    it is stored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        visible = getattr(request, form_tokens.ALREADY_SAVED, None)
        if visible is None:
            return response
        link = response.get("Location") if visible and response.status_code == 302 else None
        return form_tokens.already_saved_page(request, link=link)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, form_tokens.TokenUsedElsewhere):
            return form_tokens.already_saved_page(request, link=None)
        return None


class SessionMiddleware(sessions.SessionMiddleware):
    """Django's, except that writing the session cannot turn a finished POST into an
    error page.

    A POST's answer says what became of what was sent; the session only carries the
    idle timer and flash messages, and is written after the view's transaction has
    committed. If that write fails (the database went away in between, or the user
    signed out in another tab: SessionInterrupted), the answer stays the view's own,
    the redirect to a saved record say, without its flash message, and one log line
    says so. A page load (GET) fails as Django has it.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, DatabaseError) as error:
            if request.method in SAFE_METHODS:
                raise
            logger.warning(
                "The session was not saved after %s %s; its answer was sent",
                request.method,
                request.path,
                exc_info=error,
                extra={"request": request, "status_code": response.status_code},
            )
            patch_vary_headers(response, ("Cookie",))
            return response


class DatabaseDownMiddleware:
    """A save cut off by the database (a restart, a dropped connection, a lock held too
    long) answers 503: nothing was saved, and the form comes back filled in, one click
    from being sent again (safe: its one-time token is kept).

    The page needs no database: no user, no context processors, and Django writes no
    session for a 5xx answer. What was typed is in this response only, to the browser
    that just sent it; it is stored nowhere, and the page is never cached. One log line
    says what failed, without a word of what was typed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if request.method in SAFE_METHODS:
            return None
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "The database failed during %s %s: nothing saved, the form offered again",
            request.method,
            request.path,
            exc_info=exception,
            extra={"request": request, "status_code": 503},
        )
        context = {
            "action": request.get_full_path(),
            "fields": form_tokens.resend_fields(request),
            "files": bool(request.FILES),
            "csrf_token": get_token(request),
        }
        response = HttpResponse(render_to_string("save_failed.html", context), status=503)
        response._has_been_logged = True  # the line above; django.request adds none
        add_never_cache_headers(response)
        return response

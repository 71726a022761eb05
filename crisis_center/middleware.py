"""Response headers for pages that may carry client data."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


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


PENDING_POST = "pending_post"


class KeepPostAcrossLoginMiddleware:
    """The idle timeout never throws away a form being typed.

    A form posted after the session expired (already past the CSRF check, which runs
    first) is kept in the new session; after signing in again, the page it was meant
    for shows it back, ready to send with one click. Files are not kept.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            pending = request.session.get(PENDING_POST)
            if pending and request.method == "GET" and pending["path"] == request.path:
                del request.session[PENDING_POST]
                return render(request, "registration/resubmit.html", {"pending": pending})
            return None
        needs_login = getattr(view_func, "login_required", True)
        if request.method == "POST" and needs_login and not request.FILES:
            request.session[PENDING_POST] = {
                "path": request.path,
                "fields": [
                    (key, value)
                    for key, values in request.POST.lists()
                    if key != "csrfmiddlewaretoken"
                    for value in values
                ],
            }
        return None

"""Response headers for pages that may carry client data."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from crisis_center import kept_forms


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

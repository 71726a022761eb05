"""Gunicorn's own log lines in the application's JSON format, and an access log that
holds no more than a monitor needs.

An access line names the route a request matched ("/survey/<str:token>/"), the method,
the status, the size and the time. Never the path as typed (a survey link's path is its
token), the query string (a search box's words), the address, the referrer or the
user agent: a survivor filling in a feedback form leaves no trace of who they are.
"""

from django.conf import settings
from gunicorn import glogging

from crisis_center.logs import JsonFormatter, route_of

KEPT = ("m", "s", "B", "b", "M", "L", "T", "D", "H", "t", "p")


class RouteOnlyLogger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def atoms(self, resp, req, environ, request_time):
        every = super().atoms(resp, req, environ, request_time)
        atoms = {key: every[key] for key in KEPT}
        path = environ.get("PATH_INFO") or "/"
        static = "/" + settings.STATIC_URL.lstrip("/")
        route = f"{static}<file>" if path.startswith(static) else route_of(path)
        atoms["U"] = route
        atoms["r"] = f"{atoms['m']} {route} {atoms['H']}"
        return atoms  # any other atom a format names is logged as "-"

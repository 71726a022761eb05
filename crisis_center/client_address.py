"""The address a request came from, for the sign-in lockout (DESIGN.md rule 10).

Behind the reverse proxy of deploy/nginx.conf every connection comes from 127.0.0.1, so
a lockout keyed on it would let anyone lock any account by typing its name five times.
With BEHIND_PROXY on, the client's address is the one the proxy put last in
X-Forwarded-For: whatever a visitor writes in that header comes before it, and only
the last entry was written by our own proxy. With BEHIND_PROXY off the header is the
visitor's own words and is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address django-axes keys a lockout on (AXES_CLIENT_IP_CALLABLE)."""
    connection = request.META.get("REMOTE_ADDR")
    if not settings.BEHIND_PROXY:
        return connection
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")[-100:].rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        # No address the proxy could have written: keep the connection's.
        return connection

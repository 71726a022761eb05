"""Writing the access log: who saw which client, when, through which page."""

from collections.abc import Iterable

from django.http import HttpRequest

from crisis_center.models import AccessLog


def record_views(
    request: HttpRequest, client_ids: Iterable[int | None], emergency: set[int] = frozenset()
) -> None:
    """Log that request.user was shown these clients; one INSERT for any number of them.

    None (a record with no client yet, such as an anonymous hotline call) logs nothing.
    """
    match = request.resolver_match
    view_name = match.view_name if match else ""
    path = request.path[:300]
    user_id = request.user.pk  # once: request.user is a lazy proxy, slow per attribute
    AccessLog.objects.bulk_create(
        AccessLog(
            user_id=user_id,
            client_id=client_id,
            view_name=view_name,
            path=path,
            emergency=client_id in emergency,
        )
        for client_id in dict.fromkeys(client_ids)
        if client_id is not None
    )

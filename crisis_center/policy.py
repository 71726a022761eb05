"""The access policy: the one place that decides who may see which client.

DESIGN.md rule 1: every view, export, search and report reaches client data through
`visible_to(user)` here, and a client the user may not see does not exist for them
(404, never 403, never the name). Rule 2: access is per client, to the named staff on
its care team; supervisors see all. Coordinators and administrators see no client,
and being a Django superuser grants nothing; nor does a password an administrator chose
until a supervisor confirms it (permissions.acting_role).
"""

from collections.abc import Iterable
from typing import ClassVar, Self

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from crisis_center import access_log

# Which roles see clients at all is a capability (crisis_center/permissions.py); which
# clients, this module.
from crisis_center.permissions import (  # noqa: F401 (policy.acting_role for callers)
    acting_role,
    holds_caseload,
    sees_all_clients,
    sees_client_data,
)


class ClientScopedQuerySet(models.QuerySet):
    """Base queryset for intake.Client and every model that hangs off a client.

    `client_path` is the lookup from the model to the client: "" for Client itself,
    "client" for a model with a direct foreign key to it.
    """

    client_path: ClassVar[str] = "client"
    # Records a staff member logged before any client was named (an anonymous hotline
    # call) stay visible to that staff member through this field.
    author_field: ClassVar[str | None] = None

    def visible_to(self, user) -> Self:
        if sees_all_clients(user):
            return self.all()
        if holds_caseload(user):
            rule = self._care_team_rule(user)
            if self.author_field:
                rule |= Q(**{self.author_field: user})
            return self.filter(rule)
        return self.none()

    def _care_team_rule(self, user) -> Q:
        if not self.client_path:
            # The client itself: on its active care team, or holding an unexpired
            # emergency grant (rule 5). A subquery, not a join, so a client is never
            # repeated once per care-team member; one IN over a UNION ALL rather than an
            # OR of two, which PostgreSQL can only answer by reading every client.
            team = (
                _relation(self.model, "care_team")
                .objects.filter(staff=user, ended_at__isnull=True)
                .values("client_id")
                .order_by()
            )
            grants = (
                _relation(self.model, "emergency_grants")
                .objects.filter(user=user, expires_at__gt=timezone.now())
                .values("client_id")
                .order_by()
            )
            return Q(pk__in=team.union(grants, all=True))
        # A linked record: its client is one the user may see.
        return Q(**{f"{self.client_path}__in": self.client_model().objects.visible_to(user)})

    def client_model(self) -> type[models.Model]:
        if not self.client_path:
            return self.model
        return self.model._meta.get_field(self.client_path).related_model

    def client_id_of(self, obj: models.Model) -> int | None:
        return obj.pk if not self.client_path else getattr(obj, f"{self.client_path}_id")


def _relation(model: type[models.Model], name: str) -> type[models.Model]:
    """The model behind one of the client's relations the policy relies on by name
    (care_team, emergency_grants), without importing the domain app."""
    return model._meta.get_field(name).related_model


def _log(request: HttpRequest, queryset: ClientScopedQuerySet, client_ids: list) -> None:
    """Write the access log; an advocate's view through an emergency grant is marked."""
    emergency: set[int] = set()
    ids = [i for i in client_ids if i is not None]
    if ids and holds_caseload(request.user):
        client_model = queryset.client_model()
        on_team = _relation(client_model, "care_team").objects.filter(
            staff=request.user, ended_at__isnull=True, client_id__in=ids
        )
        emergency = set(
            _relation(client_model, "emergency_grants")
            .objects.filter(user=request.user, expires_at__gt=timezone.now(), client_id__in=ids)
            .exclude(client_id__in=on_team.values("client_id"))
            .values_list("client_id", flat=True)
        )
    access_log.record_views(request, ids, emergency=emergency)


def get_visible_or_404(request: HttpRequest, queryset: ClientScopedQuerySet, **lookup):
    """The one door to a single client-linked object: visible to request.user or 404.

    Opening the object is a view of the client's file, so it writes the access log.
    """
    obj = get_object_or_404(queryset.visible_to(request.user), **lookup)
    _log(request, queryset, [queryset.client_id_of(obj)])
    return obj


def log_listed(request: HttpRequest, queryset: ClientScopedQuerySet, objs: Iterable) -> None:
    """Log every client whose identifying data a list page shows."""
    _log(request, queryset, [queryset.client_id_of(obj) for obj in objs])

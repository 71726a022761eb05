"""QuerySet.update() on models that other tables are derived from: the derived tables
follow, as they follow save() through signals.

A model's derived tables (running counts, the service ledger) register a hook for it: a
context manager around the update, given the rows being updated. The model's managers
(its default, its base and the related managers made from them) are given a queryset
whose update() runs inside every hook registered for the model, so a bulk update needs
nothing remembered around it. What still passes them by: SQL by hand, bulk_create,
QuerySet._update, and the base class's update() called on the queryset directly.
"""

from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack

from django.db import models

Hook = Callable[[models.QuerySet], AbstractContextManager]
HOOKS: dict[type[models.Model], list[Hook]] = defaultdict(list)


class KeepsDerived(models.QuerySet):
    """update() inside the hooks of the model's derived tables."""

    def update(self, **kwargs) -> int:
        with ExitStack() as stack:
            for hook in HOOKS[self.model]:
                stack.enter_context(hook(self))
            return super().update(**kwargs)


def on_update(model: type[models.Model], hook: Hook) -> None:
    """Run `hook(rows)` around every QuerySet.update() of `model`'s rows."""
    if hook in HOOKS[model]:
        return
    HOOKS[model].append(hook)
    for manager in {*model._meta.managers, model._meta.base_manager}:
        if not issubclass(manager._queryset_class, KeepsDerived):
            queryset = manager._queryset_class
            manager.__class__ = type(
                manager.__class__.__name__,
                (manager.__class__,),
                {"_queryset_class": type(queryset.__name__, (KeepsDerived, queryset), {})},
            )

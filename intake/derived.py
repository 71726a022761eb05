"""The derived tables made again after `migrate` when what they mean has changed.

Running counts (intake/counts.py) and the service ledger (intake/service_ledger.py) keep
a fingerprint of their definitions (intake.DerivedFingerprint). After every `migrate`
that leaves the database at the newest migration, each one whose stored fingerprint
differs from the code's is rebuilt from the records; so a count or a default code that
changes meaning needs no hand-written data migration, and neither does a new one.
Stored report counts are dropped after every `migrate` anyway (intake/stored_reports.py).
"""

from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor

from intake import counts, service_ledger
from intake.models import DerivedFingerprint

# Each derived table: its name, what its rows mean now, and how to make them afresh
# (which stores that fingerprint).
TABLES = [
    (counts.FINGERPRINT, counts.fingerprint, counts.rebuild),
    (service_ledger.FINGERPRINT, service_ledger.fingerprint, service_ledger.rebuild),
]


def rebuild_changed() -> list[str]:
    """Rebuild every derived table made under other definitions than the code's (or
    under none stored); the names of those rebuilt."""
    stored = dict(DerivedFingerprint.objects.values_list("name", "fingerprint"))
    rebuilt = []
    for name, fingerprint, rebuild in TABLES:
        if stored.get(name) != fingerprint():
            rebuild()
            rebuilt.append(name)
    return rebuilt


def refresh(sender, using: str, apps=None, **kwargs) -> None:
    """post_migrate: rebuild what was made under other definitions. Not after `flush`
    (it sends the same signal without a migrated state), nor part way (migrating back)."""
    if apps is None:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # not at the newest migration: the models' tables may not be there
    with transaction.atomic(using=using):
        rebuild_changed()

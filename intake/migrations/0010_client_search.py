"""Indexes for ClientQuerySet.search: a pseudonym fragment found without reading every
client. PostgreSQL: pg_trgm and a GIN trigram index on UPPER(pseudonym), the expression
icontains compares. SQLite: an FTS5 trigram table over intake_client(pseudonym), kept
by triggers, so bulk inserts, edits and purges all reach it.

No btree index on pseudonym beside these: PostgreSQL would walk it in name order to
fill a page and, for a name late in the alphabet, read most clients to find 25 (47 ms
against 5 ms through the trigram index at 100,000 clients).

On SQLite, Django rebuilds a table for most changes to its columns (a new table, a copy,
a rename), which drops the table's triggers: a later migration that does so to
intake_client must create these triggers again (tests/intake/test_client_search.py
fails if it does not).
"""

from django.db import migrations

# Plain SQL rather than django.contrib.postgres's TrigramExtension, whose reverse runs
# on SQLite too (Django 5.2) and fails there.
POSTGRESQL = {
    "forwards": [
        # A trusted extension since PostgreSQL 13: the database's owner may create it.
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX client_pseudonym_trgm ON intake_client "
        "USING gin (UPPER(pseudonym) gin_trgm_ops)",
    ],
    # The extension stays: it may have been there before, for something else.
    "backwards": ["DROP INDEX client_pseudonym_trgm"],
}

SQLITE = {
    "forwards": [
        # External content: the table keeps the index only; the text stays in intake_client.
        "CREATE VIRTUAL TABLE intake_client_search USING fts5("
        "pseudonym, content='intake_client', content_rowid='id', tokenize='trigram')",
        "CREATE TRIGGER intake_client_search_insert AFTER INSERT ON intake_client BEGIN "
        "INSERT INTO intake_client_search(rowid, pseudonym) VALUES (new.id, new.pseudonym); "
        "END",
        "CREATE TRIGGER intake_client_search_delete AFTER DELETE ON intake_client BEGIN "
        "INSERT INTO intake_client_search(intake_client_search, rowid, pseudonym) "
        "VALUES ('delete', old.id, old.pseudonym); "
        "END",
        # Saving a client sets every column; only a new pseudonym touches the index.
        "CREATE TRIGGER intake_client_search_update AFTER UPDATE OF pseudonym ON intake_client "
        "WHEN old.pseudonym IS NOT new.pseudonym BEGIN "
        "INSERT INTO intake_client_search(intake_client_search, rowid, pseudonym) "
        "VALUES ('delete', old.id, old.pseudonym); "
        "INSERT INTO intake_client_search(rowid, pseudonym) VALUES (new.id, new.pseudonym); "
        "END",
        "INSERT INTO intake_client_search(intake_client_search) VALUES ('rebuild')",
    ],
    "backwards": [
        "DROP TRIGGER intake_client_search_update",
        "DROP TRIGGER intake_client_search_delete",
        "DROP TRIGGER intake_client_search_insert",
        "DROP TABLE intake_client_search",
    ],
}


def run(direction):
    def operation(apps, schema_editor):
        statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}[schema_editor.connection.vendor]
        for sql in statements[direction]:
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0009_stored_reports'),
    ]

    operations = [
        migrations.RunPython(run("forwards"), run("backwards")),
    ]

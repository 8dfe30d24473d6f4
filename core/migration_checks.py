"""For migrations that alter a table after data migrations in the same transaction."""

from django.db import migrations


def fire_pending_checks(apps, schema_editor):
    """PostgreSQL refuses to alter or drop a table with foreign-key checks still pending in the
    transaction (rows the data migrations before wrote, when one transaction runs them all): run
    those checks now, then defer again."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def FirePendingChecks():  # noqa: N802 (used like the operation classes beside it)
    return migrations.RunPython(fire_pending_checks, fire_pending_checks, elidable=True)

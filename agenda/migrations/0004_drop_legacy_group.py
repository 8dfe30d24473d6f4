"""The group pages no longer point to the directory's old working groups (their links moved in 0003)."""

from django.db import migrations


def fire_pending_checks(apps, schema_editor):
    """PostgreSQL refuses to alter or drop a table with foreign-key checks still pending in the
    transaction (rows the data migrations before wrote, when one transaction runs them all): run
    those checks now, then defer again."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):

    dependencies = [
        ('agenda', '0003_move_working_group_members'),
    ]

    operations = [
        migrations.RunPython(fire_pending_checks, fire_pending_checks),
        migrations.RemoveField(
            model_name='workinggrouppage',
            name='legacy_group',
        ),
        # Undone, this runs first: the same for the reverse.
        migrations.RunPython(fire_pending_checks, fire_pending_checks),
    ]

"""The directory's working groups are gone: the agenda's group pages hold their members now
(agenda 0003 moved every actor link, agenda 0004 dropped the pages' link to the old records)."""

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
        ('actors', '0004_drop_actorpage_import_key'),
        # After the links moved, and after the last reference to the model went.
        ('agenda', '0004_drop_legacy_group'),
    ]

    operations = [
        migrations.RunPython(fire_pending_checks, fire_pending_checks),
        migrations.RemoveField(
            model_name='actorpage',
            name='working_groups',
        ),
        migrations.DeleteModel(
            name='WorkingGroup',
        ),
        # Undone, this runs first: the same for the reverse.
        migrations.RunPython(fire_pending_checks, fire_pending_checks),
    ]

"""The generation token now belongs to core (core 0001 takes over the table, state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_search_generation"),
        ("core", "0001_content_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchGeneration")],
            database_operations=[],
        ),
    ]

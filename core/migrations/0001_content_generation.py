"""The generation token moves from search to core; its table stays as it is (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("search", "0003_search_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentGeneration",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("token", models.CharField(help_text="Changes on every change of public content.", max_length=32, verbose_name="token")),
                    ],
                    options={
                        "verbose_name": "content generation",
                        "verbose_name_plural": "content generations",
                        "db_table": "search_searchgeneration",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

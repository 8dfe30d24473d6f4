"""An English, accent-folding text search configuration for PostgreSQL (nothing to do elsewhere).

``english_unaccent``: the English configuration with ``unaccent`` before the English stemmer, for
the full text of the pages in English ("restorers" finds "restorer"); the backend indexes and
searches each page with its language's configuration (``search.backends.database``).
"""

from django.db import migrations

NAME = "english_unaccent"
# The token types of words, as in 0002 (a migration stays as it was written).
WORD_TOKENS = "hword, hword_part, word, asciiword, asciihword, hword_asciipart"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {NAME}")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {NAME} ( COPY = english )")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {NAME} ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, english_stem"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_counts")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]

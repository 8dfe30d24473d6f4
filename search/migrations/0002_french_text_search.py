"""French, accent-folding text search configurations for PostgreSQL (nothing to do elsewhere).

- ``french_unaccent``: the French configuration with ``unaccent`` before the French stemmer, for
  full text ("metier" finds "métier", "tailleurs de pierres" finds "tailleur de pierre").
- ``simple_unaccent``: no stemming but accents folded, for autocomplete (prefixes of words).

On SQLite, FTS5's default tokenizer (unicode61) already folds accents.
"""

from django.db import migrations

CONFIGURATIONS = {
    "french_unaccent": ("french", "unaccent, french_stem"),
    "simple_unaccent": ("simple", "unaccent, simple"),
}
WORD_TOKENS = "hword, hword_part, word, asciiword, asciihword, hword_asciipart"


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (source, dictionaries) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} ( COPY = {source} )")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORD_TOKENS} WITH {dictionaries}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]

"""Text as visitors and imported files write it, compared the same way everywhere."""

import unicodedata

# NFKD decomposes accented letters but not these ligatures: spelled out, « œuvre » and « oeuvre »
# are one word to a visitor, to the search index and to the importer alike.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, ligatures spelled out, accents dropped: « Œuvre Métier » → « oeuvre metier »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES).lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))

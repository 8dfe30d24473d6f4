"""How the SQLite backend reads French words: plural marks dropped, words that are no plural kept."""

import pytest

from search.backends.database import french_prefix_terms, light_french_stem


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("pierres", "pierre"),
        ("vitraux", "vitra"),  # a prefix of « vitrail » and « vitraux »
        ("métaux", "méta"),
        ("lieux", "lieu"),
        ("chaux", "chaux"),  # not « cha », a prefix of « Charpentier » and « Chaumier »
        ("bois", "bois"),
        ("prix", "prix"),
        ("art", "art"),
    ],
)
def test_light_french_stem(word, stem):
    assert light_french_stem(word) == stem


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert french_prefix_terms("enduits à la chaux") == ["enduit", "chaux"]
    assert french_prefix_terms("de la") == ["de", "la"]

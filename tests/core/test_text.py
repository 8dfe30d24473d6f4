import pytest

from core.text import fold


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Restaurateur d'œuvres d'art", "restaurateur d'oeuvres d'art"),
        ("ŒUVRE", "oeuvre"),
        ("Cæcilia", "caecilia"),
        ("Métier", "metier"),
        ("Beaumont-Pied-de-Bœuf", "beaumont-pied-de-boeuf"),
        ("Charpentier", "charpentier"),
    ],
)
def test_fold_drops_case_accents_and_ligatures(written, folded):
    assert fold(written) == folded

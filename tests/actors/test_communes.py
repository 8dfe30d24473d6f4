"""The communes reference: every current commune of the region, loaded by the migrations."""

import csv
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.conf import settings

from actors.communes import COMMUNES_CSV, load_communes
from actors.exchange import COLUMNS, import_actors
from actors.geo import in_region
from actors.models import ActorPage, Commune

OLD_REFERENCE = settings.BASE_DIR / "fixtures" / "reference" / "communes_pdl.csv"


def import_file(rows):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in rows)
    return import_actors(output.getvalue().encode("utf-8"))


@pytest.mark.django_db
def test_after_migrate_the_reference_holds_every_commune_of_the_region():
    assert Commune.objects.count() == 1228
    per_department = Counter(Commune.objects.values_list("department_code", flat=True))
    assert per_department == {"44": 207, "49": 176, "53": 240, "72": 352, "85": 253}
    # A small commune that was not among the first 52, found by code and by name.
    alexain = Commune.objects.get(insee_code="53002")
    assert (alexain.name, alexain.department_code) == ("Alexain", "53")
    assert Commune.objects.get(name="Alexain") == alexain
    # The 52 communes of the former reference are all there, under the same names.
    with OLD_REFERENCE.open(encoding="utf-8", newline="") as handle:
        old = {row["code_insee"]: row["nom"] for row in csv.DictReader(handle)}
    assert len(old) == 52
    assert dict(Commune.objects.filter(insee_code__in=old).values_list("insee_code", "name")) == old


@pytest.mark.django_db
def test_every_centre_is_inside_the_region():
    outside = [
        str(commune)
        for commune in Commune.objects.all()
        if not in_region(float(commune.latitude), float(commune.longitude))
    ]
    assert outside == []


@pytest.mark.django_db
def test_loading_again_changes_nothing_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert load_communes(Commune) == 0


@pytest.mark.django_db
def test_loading_restores_the_reference_and_keeps_communes_added_by_editors(django_assert_num_queries):
    Commune.objects.filter(department_code="53").delete()
    Commune.objects.filter(insee_code="44109").update(name="Nantes (ancien nom)", latitude=Decimal("47"))
    added = Commune.objects.create(
        insee_code="35238", name="Rennes", department_code="35", latitude=47.5, longitude=-1.5
    )
    # Read, insert the missing, update the changed: three queries, not one per commune.
    with django_assert_num_queries(3):
        assert load_communes(Commune) == 240
    assert Commune.objects.count() == 1229
    nantes = Commune.objects.get(insee_code="44109")
    assert (nantes.name, nantes.latitude) == ("Nantes", Decimal("47.23209"))
    assert Commune.objects.get(pk=added.pk).name == "Rennes"


def test_the_reference_file_is_the_full_list():
    with COMMUNES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = ["code_insee", "nom", "code_departement", "codes_postaux", "latitude", "longitude"]
    assert list(rows[0]) == columns
    assert len({row["code_insee"] for row in rows}) == len(rows) == 1228
    assert all(row["codes_postaux"] for row in rows)


@pytest.mark.django_db
def test_an_import_row_in_a_commune_outside_the_first_52_gets_its_centre(directory, departments):
    result = import_file(
        [
            {"nom": "Charpente d'Alexain", "type": "entreprise", "commune": "Alexain", "departement": "53"},
            {"nom": "Tuilerie", "type": "entreprise", "code_insee": "85286", "departement": "85"},
        ]
    )
    assert result.errors == []
    assert result.created == 2
    alexain = Commune.objects.get(insee_code="53002")
    workshop = ActorPage.objects.get(title="Charpente d'Alexain")
    assert workshop.commune == alexain
    assert (workshop.latitude, workshop.longitude) == (Decimal("48.23366"), Decimal("-0.75113"))
    assert (workshop.latitude, workshop.longitude) == (alexain.latitude, alexain.longitude)
    assert workshop.approximate_location
    tuilerie = ActorPage.objects.get(title="Tuilerie")
    assert tuilerie.commune.name == "La Taillée"
    assert tuilerie.approximate_location


def homonym_rows(with_names):
    # Eight names are borne by two communes of the region (Allonnes 49 and 72, Changé 53 and 72...).
    return [
        {
            "nom": f"Atelier {code}",
            "type": "entreprise",
            "commune": "Allonnes" if with_names else "",
            "code_insee": code,
            "departement": code[:2],
        }
        for code in ("49002", "72003")
    ]


@pytest.mark.django_db
def test_communes_of_the_same_name_are_found_by_their_insee_code(directory, departments):
    assert Commune.objects.filter(name="Allonnes").count() == 2
    result = import_file(homonym_rows(with_names=False))
    assert result.errors == []
    assert ActorPage.objects.get(title="Atelier 49002").commune.department_code == "49"
    assert ActorPage.objects.get(title="Atelier 72003").commune.department_code == "72"


@pytest.mark.django_db
def test_communes_of_the_same_name_with_their_name_and_insee_code(directory, departments):
    result = import_file(homonym_rows(with_names=True))
    assert result.errors == []
    assert ActorPage.objects.get(title="Atelier 49002").commune.insee_code == "49002"
    assert ActorPage.objects.get(title="Atelier 72003").commune.insee_code == "72003"


@pytest.mark.django_db
def test_a_name_beside_a_code_must_not_be_another_communes(directory, departments):
    result = import_file(
        [
            {
                "nom": "Atelier",
                "type": "entreprise",
                "commune": "Avrillé",
                "code_insee": "49002",
                "departement": "49",
            }
        ]
    )
    assert [(error.line, error.column) for error in result.errors] == [(2, "code_insee")]
    assert "le code INSEE 49002 est celui de Allonnes, pas de Avrillé" in str(result.errors[0])


@pytest.mark.parametrize(
    ("commune", "department", "code"),
    [
        ("Allonnes", "49", "49002"),
        ("Allonnes", "72", "72003"),
        ("allonnes", "sarthe", "72003"),
        ("AVRILLE", "85", "85010"),
        # slugify drops « œ »: the name is folded so that both spellings match.
        ("Beaumont-Pied-de-Boeuf", "53", "53027"),
        ("Beaumont-Pied-de-Bœuf", "72", "72028"),
        ("Saint-Mars-du-Désert", "Loire-Atlantique", "44179"),
    ],
)
@pytest.mark.django_db
def test_a_name_of_two_communes_without_code_is_chosen_by_the_department(
    directory, departments, commune, department, code
):
    result = import_file(
        [{"nom": "Atelier", "type": "entreprise", "commune": commune, "departement": department}]
    )
    assert result.errors == []
    assert ActorPage.objects.get().commune.insee_code == code


@pytest.mark.django_db
def test_other_names_with_oe_are_found_however_written(directory, departments):
    result = import_file(
        [
            {"nom": "Chantier", "type": "entreprise", "commune": "Paimboeuf", "departement": "44"},
            {"nom": "Atelier", "type": "entreprise", "commune": "COURCEBŒUFS", "departement": "72"},
        ]
    )
    assert result.errors == []
    assert ActorPage.objects.get(title="Chantier").commune.name == "Paimbœuf"
    assert ActorPage.objects.get(title="Atelier").commune.name == "Courcebœufs"


@pytest.mark.parametrize("department", ["", "44", "99"])
@pytest.mark.django_db
def test_a_name_of_two_communes_without_a_usable_department_says_to_give_the_code(
    directory, departments, department
):
    result = import_file(
        [{"nom": "Atelier", "type": "entreprise", "commune": "Allonnes", "departement": department}]
    )
    assert ActorPage.objects.count() == 0
    commune_errors = [str(error) for error in result.errors if error.column == "commune"]
    assert commune_errors == [
        "Ligne 2, colonne « commune » : deux communes s'appellent Allonnes (codes 49002 et 72003) : "
        "donnez son code INSEE dans la colonne code_insee."
    ]
    # The department's own error, if any, is reported beside it (required, or not of the region).
    assert {error.column for error in result.errors} == (
        {"commune", "departement"} if department != "44" else {"commune"}
    )


@pytest.mark.django_db
def test_export_then_import_of_actors_in_communes_of_the_same_name_is_lossless(
    client, directory, departments
):
    # The same actor name in both Allonnes, without SIRET: two actors, not one row repeated.
    rows = [
        {"nom": "Atelier de la pierre", "type": "entreprise", "commune": "Allonnes", "departement": "49"},
        {"nom": "Atelier de la pierre", "type": "entreprise", "code_insee": "72003", "departement": "72"},
        {
            "nom": "Forge",
            "type": "entreprise",
            "commune": "Beaumont-Pied-de-Boeuf",
            "departement": "53",
            "siret": "12345678900011",
            "latitude": "47.9",
            "longitude": "-0.4",
        },
    ]
    assert import_file(rows).created == 3
    exported = client.get("/annuaire/export/").content.decode("utf-8-sig")
    lines = exported.splitlines()
    assert len(lines) == 4
    assert any(",Allonnes,49002,49," in line for line in lines)
    assert any(",Allonnes,72003,72," in line for line in lines)
    assert any(",Beaumont-Pied-de-Bœuf,53027,53," in line for line in lines)
    before = sorted(ActorPage.objects.values_list("pk", "commune__insee_code", "latest_revision_id"))
    result = import_actors(exported.encode("utf-8"))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert sorted(ActorPage.objects.values_list("pk", "commune__insee_code", "latest_revision_id")) == before
    again = client.get("/annuaire/export/").content.decode("utf-8-sig")
    assert sorted(again.splitlines()) == sorted(lines)

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from actors.importer import COLUMNS, ImportFileError, import_actors, write_csv
from actors.models import ActorPage, WorkingGroup
from actors.views import exported_actors

from . import factories


@pytest.fixture
def linked(directory, communes, taxonomy, home_page):
    WorkingGroup.objects.create(slug="transmission", name="Transmission", locale=home_page.locale)
    return {
        "trade": factories.trade(home_page, taxonomy),
        "label": factories.label(home_page),
        "know_how": factories.know_how(home_page),
    }


def csv_bytes(rows, columns=COLUMNS, delimiter=","):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return output.getvalue().encode("utf-8")


VALID_ROWS = [
    {
        "siret": "12345678900011",
        "nom": "Atelier du tuffeau",
        "type": "entreprise",
        "membre": "oui",
        "adresse": "3 rue de la Pierre",
        "code_postal": "49400",
        "commune": "Saumur",
        "departement": "49",
        "latitude": "47.26",
        "longitude": "-0.08",
        "site_web": "https://example.org/tuffeau",
        "contact_publiable": "oui",
        "email_contact": "contact@example.org",
        "resume": "Taille de pierre.",
        "description": "Premier paragraphe.\n\nSecond paragraphe.",
        "domaines": "patrimoine-bati | architecture-jardins",
        "metiers_pratiques": "tailleur-de-pierre",
        "labels": "maitre-dart",
        "savoir_faire": "enduit-a-la-chaux",
        "groupes_de_travail": "transmission",
    },
    {
        "nom": "CFA de Laval",
        "type": "formation",
        "commune": "Laval",
        "departement": "mayenne",
        "metiers_enseignes": "tailleur-de-pierre",
    },
    {
        "nom": "Ville de Guérande",
        "type": "Collectivité",
        "code_insee": "44069",
        "commune": "",
        "departement": "44",
    },
]


@pytest.mark.django_db
def test_a_valid_file_creates_published_actors_with_their_links(directory, linked, taxonomy):
    result = import_actors(csv_bytes(VALID_ROWS))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    workshop = ActorPage.objects.get(siret="12345678900011")
    assert workshop.live
    assert workshop.get_parent().pk == directory.pk
    assert workshop.kind == ActorPage.Kind.COMPANY
    assert workshop.is_member
    assert workshop.department.code == "49"
    assert [str(workshop.latitude), str(workshop.longitude)] == ["47.26000", "-0.08000"]
    assert not workshop.approximate_location
    assert list(workshop.trades_practised.all()) == [linked["trade"]]
    assert list(workshop.labels.all()) == [linked["label"]]
    assert list(workshop.know_how.all()) == [linked["know_how"]]
    assert workshop.working_groups.get().slug == "transmission"
    assert workshop.domains.count() == 2
    # Without coordinates: the commune's centre, said to be approximate.
    school = ActorPage.objects.get(title="CFA de Laval")
    assert (school.latitude, school.longitude) == (school.commune.latitude, school.commune.longitude)
    assert school.approximate_location
    assert ActorPage.objects.get(title="Ville de Guérande").commune.name == "Guérande"


@pytest.mark.django_db
def test_a_file_with_bad_rows_writes_nothing_and_names_each_line_and_column(directory, linked):
    bad = [
        VALID_ROWS[0],
        {"nom": "", "type": "entreprise", "commune": "Saumur", "departement": "49"},
        {"nom": "Inconnu", "type": "vaisseau", "commune": "Atlantis", "departement": "99"},
        {
            "nom": "Hors région",
            "type": "association",
            "commune": "Nantes",
            "departement": "44",
            "latitude": "48.85",
            "longitude": "2.35",
        },
        {
            "nom": "Mauvais contact",
            "type": "association",
            "commune": "Nantes",
            "departement": "44",
            "site_web": "pas une adresse",
            "email_contact": "contact@",
            "contact_publiable": "oui",
        },
        {
            "nom": "Sans accord",
            "type": "association",
            "commune": "Nantes",
            "departement": "44",
            "email_contact": "jean.dupont@example.org",
        },
        {"nom": "Mauvais département", "type": "association", "commune": "Nantes", "departement": "49"},
        {
            "nom": "Lien inconnu",
            "type": "association",
            "commune": "Nantes",
            "departement": "44",
            "labels": "label-qui-nexiste-pas",
        },
    ]
    result = import_actors(csv_bytes(bad))
    assert ActorPage.objects.count() == 0
    found = {(error.line, error.column) for error in result.errors}
    assert found == {
        (3, "nom"),
        (4, "type"),
        (4, "commune"),
        (4, "departement"),
        (5, "latitude"),
        (6, "site_web"),
        (6, "email_contact"),
        (7, "contact_publiable"),
        (8, "departement"),
        (9, "labels"),
    }
    assert str(result.errors[0]).startswith("Ligne 3, colonne « nom »")


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing_and_makes_no_revision(directory, linked):
    content = csv_bytes(VALID_ROWS)
    import_actors(content)
    revisions = Revision.objects.count()
    again = import_actors(content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Revision.objects.count() == revisions
    changed = [dict(VALID_ROWS[0], resume="Taille et sculpture."), *VALID_ROWS[1:]]
    third = import_actors(csv_bytes(changed))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert ActorPage.objects.get(siret="12345678900011").summary == "Taille et sculpture."
    assert ActorPage.objects.count() == 3


@pytest.mark.django_db
def test_export_then_import_is_a_lossless_round_trip(client, directory, linked):
    import_actors(csv_bytes(VALID_ROWS))
    exported = client.get("/annuaire/export/").content
    assert exported.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    result = import_actors(exported)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    output = io.StringIO()
    write_csv(exported_actors(directory, {}), output)
    assert output.getvalue() == exported.decode("utf-8-sig")


@pytest.mark.django_db
def test_semicolon_files_from_french_spreadsheets_are_read(directory, linked):
    result = import_actors(csv_bytes(VALID_ROWS[1:], delimiter=";"))
    assert result.created == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nom,type,commune,departement\nCafé,entreprise,Nantes,44\n".encode("latin-1"), "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pas un fichier CSV"),
        (b"", "vide"),
        (b"Atelier,entreprise,Nantes,44\n", "Manquantes : nom, type, commune, departement"),
        (b"nom,type,commune,departement,couleur\n", "Colonnes inconnues : couleur"),
    ],
)
@pytest.mark.django_db
def test_a_broken_file_gets_a_clear_message(directory, content, message):
    with pytest.raises(ImportFileError, match=message):
        import_actors(content)


@pytest.mark.django_db
def test_command_imports_and_reports_errors(tmp_path, directory, linked, capsys):
    path = tmp_path / "acteurs.csv"
    path.write_bytes(csv_bytes(VALID_ROWS))
    call_command("import_actors", str(path))
    assert "3 créés, 0 mis à jour, 0 inchangé" in capsys.readouterr().out
    path.write_bytes(csv_bytes([{"nom": "X", "type": "?", "commune": "Nantes", "departement": "44"}]))
    with pytest.raises(CommandError):
        call_command("import_actors", str(path))
    assert "colonne « type »" in capsys.readouterr().err


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editrice", password="pass")
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    return user


@pytest.mark.django_db
def test_admin_import_needs_the_permission(client, directory, editor):
    client.force_login(editor)
    assert client.get("/admin/actors/import/").status_code == 403
    assert "/admin/actors/import/" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_admin_import_with_the_permission(client, directory, linked, editor):
    editor.user_permissions.add(Permission.objects.get(codename="import_actors"))
    client.force_login(editor)
    assert "/admin/actors/import/" in client.get("/admin/").content.decode()
    bad = SimpleUploadedFile(
        "a.csv", csv_bytes([{"nom": "X", "type": "?", "commune": "Nantes", "departement": "44"}])
    )
    response = client.post("/admin/actors/import/", {"file": bad})
    assert response.status_code == 400
    assert "Ligne 2, colonne « type »" in response.content.decode()
    assert ActorPage.objects.count() == 0
    broken = SimpleUploadedFile("a.csv", b"\xff\xfe\x00n\x00o\x00m")
    response = client.post("/admin/actors/import/", {"file": broken})
    assert response.status_code == 200
    assert "CSV" in response.content.decode()
    good = SimpleUploadedFile("a.csv", csv_bytes(VALID_ROWS))
    response = client.post("/admin/actors/import/", {"file": good}, follow=True)
    assert ActorPage.objects.count() == 3
    assert "3 créés" in response.content.decode()

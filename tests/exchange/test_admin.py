"""The admin's import and export pages, and the command: permissions, preview, writing."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import GroupPagePermission, Revision

from trades.bulk import TradeExchange
from trades.models import TradeProfilePage

from .conftest import csv_bytes, read_csv, with_cell

pytestmark = pytest.mark.django_db

NEW_TRADE = csv_bytes(
    ["titre", "accroche", "le_metier"], [["Charpentier", "Lever les charpentes.", "Il assemble."]]
)


def editor(django_user_model, trade_index, permissions):
    user = django_user_model.objects.create_user("editrice", "editrice@example.org", "pass")
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in permissions:
        GroupPagePermission.objects.create(group=group, page=trade_index, permission_type=permission)
    user.groups.add(group)
    return user


def upload(content, name="metiers.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_check_only_previews_and_writes_nothing_then_import_publishes(client, superuser, trades_content):
    client.force_login(superuser)
    url = "/admin/exchange/metiers/import/"
    exported = TradeExchange().export_file("csv")
    edited = with_cell(exported, "csv", 3, "accroche", "Faire chanter la lumière.")
    # A new line, in the export's columns.
    header, rows = read_csv(edited)
    rows.append(
        dict.fromkeys(header, "")
        | {"titre": "Charpentier", "accroche": "Lever.", "le_metier": "Il assemble."}
    )
    content = csv_bytes(header, [[row[name] for name in header] for row in rows])
    before = (TradeProfilePage.objects.count(), Revision.objects.count())
    response = client.post(url, {"file": upload(content), "check_only": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (TradeProfilePage.objects.count(), Revision.objects.count()) == before
    assert "Charpentier" in html
    assert "accroche" in html  # the changed column, named on its line
    assert [outcome.action for outcome in response.context["outcomes"]] == ["unchanged", "update", "create"]
    response = client.post(url, {"file": upload(content)})
    assert response.status_code == 200
    assert TradeProfilePage.objects.count() == before[0] + 1
    assert Revision.objects.count() == before[1] + 2
    assert TradeProfilePage.objects.get(slug="charpentier").live


def test_a_broken_file_is_a_400_naming_the_line(client, superuser, trades_content):
    client.force_login(superuser)
    bad = csv_bytes(
        ["titre", "accroche", "le_metier", "domaines"], [["Couvreur", "Couvrir.", "Texte.", "inconnu"]]
    )
    before = (TradeProfilePage.objects.count(), Revision.objects.count())
    response = client.post("/admin/exchange/metiers/import/", {"file": upload(bad)})
    assert response.status_code == 400
    assert "Ligne 2" in response.content.decode()
    assert "inconnu" in response.content.decode()
    response = client.post(
        "/admin/exchange/metiers/import/", {"file": upload(b"\xff\xfe titre", "metiers.csv")}
    )
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    response = client.post(
        "/admin/exchange/metiers/import/", {"file": upload(b"PK\x03\x04xx", "metiers.xlsx")}
    )
    assert response.status_code == 400
    assert (TradeProfilePage.objects.count(), Revision.objects.count()) == before


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_link_downloads_the_file(client, superuser, trades_content, file_format):
    client.force_login(superuser)
    response = client.get(f"/admin/exchange/metiers/export/?format={file_format}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="metiers.{file_format}"'
    assert client.get("/admin/exchange/metiers/export/?format=pdf").status_code == 400
    assert client.get("/admin/exchange/inconnu/export/").status_code == 404
    index = client.get("/admin/exchange/").content.decode()
    assert "/admin/exchange/metiers/import/" in index
    # A kind whose index page does not exist yet is not offered.
    assert "/admin/exchange/offres/" not in index


def test_permissions(client, django_user_model, trades_content, trade_index):
    # Who may only change the trades exports them, and may not import them.
    user = editor(django_user_model, trade_index, ["change"])
    client.force_login(user)
    assert client.get("/admin/exchange/metiers/export/?format=csv").status_code == 200
    response = client.get("/admin/exchange/metiers/import/")
    assert response.status_code == 403
    before = Revision.objects.count()
    assert client.post("/admin/exchange/metiers/import/", {"file": upload(NEW_TRADE)}).status_code == 403
    assert Revision.objects.count() == before
    # Nothing over the offers: neither export nor import, and the list shows only the trades.
    assert client.get("/admin/exchange/offres/export/?format=csv").status_code == 403
    index = client.get("/admin/exchange/").content.decode()
    assert "/admin/exchange/metiers/export/" in index
    assert "/admin/exchange/offres/" not in index
    # Add, change and publish: the import.
    group = Group.objects.get(name="Rédaction")
    for permission in ("add", "publish"):
        GroupPagePermission.objects.create(group=group, page=trade_index, permission_type=permission)
    response = client.post("/admin/exchange/metiers/import/", {"file": upload(NEW_TRADE)})
    assert response.status_code == 200
    assert TradeProfilePage.objects.filter(slug="charpentier", live=True).exists()


def test_no_right_at_all_is_a_403_page(client, django_user_model, trades_content, trade_index):
    user = editor(django_user_model, trade_index, [])
    client.force_login(user)
    response = client.get("/admin/exchange/")
    assert response.status_code == 403
    assert client.get("/admin/exchange/metiers/export/?format=xlsx").status_code == 403


def test_command(tmp_path, trades_content):
    exported = tmp_path / "metiers.xlsx"
    call_command("exchange_pages", "export", "metiers", str(exported))
    before = Revision.objects.count()
    call_command("exchange_pages", "import", "metiers", str(exported))
    assert Revision.objects.count() == before
    broken = tmp_path / "broken.csv"
    broken.write_bytes(
        csv_bytes(["titre", "accroche", "le_metier", "domaines"], [["A", "B", "C", "inconnu"]])
    )
    with pytest.raises(CommandError):
        call_command("exchange_pages", "import", "metiers", str(broken))
    with pytest.raises(CommandError):
        call_command("exchange_pages", "import", "inconnu", str(broken))
    new = tmp_path / "new.csv"
    new.write_bytes(NEW_TRADE)
    call_command("exchange_pages", "import", "metiers", str(new), "--check")
    assert not TradeProfilePage.objects.filter(slug="charpentier").exists()
    call_command("exchange_pages", "import", "metiers", str(new))
    assert TradeProfilePage.objects.filter(slug="charpentier").exists()
    assert Revision.objects.count() == before + 1


def test_a_superuser_without_index_pages_is_told_to_create_them(client, superuser, home_page):
    client.force_login(superuser)
    response = client.get("/admin/exchange/")
    assert response.status_code == 200
    assert response.context["kinds"] == []
    assert "Aucun type de page ne peut encore être échangé" in response.content.decode()
    assert "/admin/exchange/" in client.get("/admin/").content.decode()  # in the menu

"""The translation status report (Reports > Translations): per page type and per page, translated,
behind its source (naming what changed), or never translated; for those who may translate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.html import escape

from home import demo_english
from home.translation_status import BEHIND, NEVER, STATUSES, TRANSLATED, page_statuses
from tests.core.test_desk import desk_panels
from tests.home.test_english_site import TEXTS, french_page, submit

REPORT_URL = "/admin/reports/translations/"


@pytest.fixture
def report_site(home_page, locales, django_capture_on_commit_callbacks):
    translated = french_page(home_page, "Restaurer une façade", "restaurer-une-facade")
    behind = french_page(home_page, "Enduits à la chaux", "enduits-a-la-chaux", summary="Les étapes.")
    never = french_page(home_page, "Couverture", "couverture")
    texts = {**TEXTS, "Enduits à la chaux": "Lime plasters", "enduits-a-la-chaux": "lime-plasters"}
    for instance in (home_page, translated, behind):
        demo_english.fill_translation(submit(instance, django_capture_on_commit_callbacks), texts)
    # The French page changes after its translation: its summary is rewritten and published.
    behind.summary = "Préparer le support, gâcher la chaux."
    behind.save_revision().publish()
    return {"translated": translated, "behind": behind, "never": never, "home": home_page}


def label(code):
    with translation.override("fr"):
        return str(STATUSES[code])


@pytest.mark.django_db
def test_each_page_has_its_status_and_a_changed_page_names_what_changed(report_site):
    statuses = {status.page.pk: status for status in page_statuses()}
    assert statuses[report_site["translated"].pk].status == TRANSLATED
    assert statuses[report_site["home"].pk].status == TRANSLATED
    assert statuses[report_site["never"].pk].status == NEVER
    behind = statuses[report_site["behind"].pk]
    assert behind.status == BEHIND
    assert [segment.text for segment in behind.changed] == ["Préparer le support, gâcher la chaux."]


@pytest.mark.django_db
def test_the_report_shows_the_counts_per_page_type_and_each_page_status(admin_client, report_site):
    html = admin_client.get(REPORT_URL).content.decode()
    # Standard pages: one of each status.
    assert "<td>1</td><td>1</td><td>1</td><td>3</td>" in html.replace("\n", "")
    assert escape("Préparer le support, gâcher la chaux.") in html
    for code in (TRANSLATED, BEHIND, NEVER):
        assert f"<td>{escape(label(code))}</td>" in html

    behind_only = admin_client.get(REPORT_URL, {"status": BEHIND}).content.decode()
    assert "Enduits à la chaux" in behind_only
    assert "Couverture" not in behind_only
    assert "Restaurer une façade" not in behind_only
    never_only = admin_client.get(REPORT_URL, {"status": NEVER}).content.decode()
    assert "Couverture" in never_only
    assert f"/admin/localize/submit/page/{report_site['never'].pk}/" in never_only


@pytest.mark.django_db
def test_only_editors_who_may_translate_see_the_report(client, django_user_model, report_site):
    editor = django_user_model.objects.create_user("editrice", password="x")
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    refused = client.get(REPORT_URL)
    assert refused.status_code in (302, 403)
    assert "Enduits à la chaux" not in refused.content.decode()
    assert REPORT_URL not in client.get("/admin/").content.decode()

    group.permissions.add(Permission.objects.get(codename="submit_translation"))
    editor = django_user_model.objects.get(pk=editor.pk)  # permissions read afresh
    client.force_login(editor)
    assert client.get(REPORT_URL).status_code == 200


@pytest.mark.django_db
def test_the_desk_lists_the_english_pages_behind_their_source(
    admin_client, client, django_user_model, report_site
):
    heading, _count, rows, link = desk_panels(admin_client)["translations-behind"]
    assert "Pages anglaises en retard sur leur source française" in heading
    assert [row.split(" ")[0:4] for row in rows] == [["Enduits", "à", "la", "chaux"]]
    assert link == f"{REPORT_URL}?status={BEHIND}"
    editor = django_user_model.objects.create_user("redactrice", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert "translations-behind" not in desk_panels(client)


@pytest.mark.django_db
def test_a_language_the_site_does_not_have_yet_has_nothing_to_report(home_page):
    # The admin's home page asks for the statuses before any English locale exists (a new site).
    assert page_statuses(target_code="de") == []

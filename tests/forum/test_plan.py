"""The sector action plan: its page (table and list, progress per issue), and its spreadsheet
round trip, all or nothing, bad lines named, formulas neutralised."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from forum.demo import plan_blocks
from forum.models import ActionPlanPage
from forum.plan_exchange import ImportFileError, export_plan, import_plan
from tests.factories.forum import ActionPlanPageFactory, project
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home_page, projects, admin_user):
    workshop = project(projects, title="Chantier collèges", slug="chantier-colleges")
    page = ActionPlanPageFactory(parent=home_page)
    page.issues = plan_blocks(
        [
            {
                "title": "Transmettre les métiers",
                "keywords": "jeunes, stages",
                "comments": "=SOMME(A1)",
                "resource_people": "Écoles",
                "tracks": [
                    {
                        "title": "Ouvrir les métiers aux collégiens",
                        "status": "under-way",
                        "pilot": "+33 2 40",
                        "starts_on": "2024-09-01",
                        "ends_on": "2026-06-30",
                        "comments": "-",
                        "projects": [workshop.pk],
                        "indicators": [
                            {"label": "Lieux", "target": "20", "value": "12.5", "measured_on": "2025-06-30"},
                            {"label": "Collèges", "target": "2", "value": None, "measured_on": None},
                        ],
                    },
                    {
                        "title": "Fiches métiers",
                        "status": "done",
                        "pilot": "",
                        "starts_on": None,
                        "ends_on": None,
                        "comments": "",
                        "projects": [],
                        "indicators": [],
                    },
                ],
            },
            {
                "title": "Ancrer le réseau",
                "keywords": "",
                "comments": "",
                "resource_people": "",
                "tracks": [],
            },
        ]
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def stored(value):
    """The plan's stored JSON without block ids, list items unwrapped (a ListBlock may store its
    items either way: the same content), dates and numbers as the database keeps them."""
    value = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return _unwrapped(value)


def _unwrapped(value):
    if isinstance(value, dict):
        if set(value) <= {"type", "value", "id"} and value.get("type") == "item":
            return _unwrapped(value["value"])
        return {key: _unwrapped(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_unwrapped(item) for item in value]
    return value


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_gives_back_the_same_plan(plan, admin_user, file_format):
    exported = export_plan(plan, file_format)
    csv_before = export_plan(plan, "csv")
    before = stored(plan.issues.get_prep_value())
    result = import_plan(plan, exported, file_format, user=admin_user)
    assert result.errors == []
    assert (result.issues, result.tracks, result.published) == (2, 2, True)
    assert plan.revisions.count() == 2
    plan = ActionPlanPage.objects.get(pk=plan.pk)
    assert stored(plan.issues.get_prep_value()) == before
    assert export_plan(plan, "csv") == csv_before


def test_the_export_neutralises_formulas(plan):
    text = export_plan(plan, "csv").decode("utf-8-sig")
    assert "'=SOMME(A1)" in text
    assert "'+33 2 40" in text


def test_a_broken_file_names_its_lines_and_writes_nothing(plan, admin_user):
    revisions = plan.revisions.count()
    text = export_plan(plan, "csv").decode("utf-8-sig").splitlines()
    text[1] = text[1].replace("under-way", "bientôt")
    text.append("Ancrer le réseau,,,,Relais,done,,pas une date,,,inconnu,")
    result = import_plan(plan, "\n".join(text).encode(), "csv", user=admin_user)
    named = {(line, column) for line, column, _message in result.errors}
    assert (2, "statut") in named
    # Rows count from the header (line 1); the indicators' cells hold line breaks.
    assert (5, "debut") in named
    assert (5, "projets") in named
    assert plan.revisions.count() == revisions
    with pytest.raises(ImportFileError):
        import_plan(plan, b"nom,prenom\nA,B\n", "csv", user=admin_user)


def test_the_admin_import_answers_400_with_the_errors(client, plan, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    upload = SimpleUploadedFile("plan.csv", b"enjeu,piste,statut\n,Piste,done\n")
    response = client.post(f"/admin/forum/plan/{plan.pk}/import/", {"file": upload})
    assert response.status_code == 400
    assert "2" in response.content.decode()
    assert client.get(f"/admin/forum/plan/{plan.pk}/export/xlsx/").status_code == 200


def test_the_plan_page_shows_a_table_a_list_and_the_progress(client, plan):
    page = client.get(plan.url).content.decode()
    assert 'class="plan-table"' in page and 'class="plan-list plain-list"' in page  # noqa: PT018
    assert "Chantier collèges" in page
    assert "1 sur 2 pistes d'action réalisées" in page
    assert queries_to_render(client, plan.url) <= QUERY_BUDGET

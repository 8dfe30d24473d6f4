"""Workshops and projects: each lifecycle step and who may take it, the call for participation
and its mail to the referent (a real SMTP server), the timeline, the index and search."""

import datetime

import pytest
from django.utils import timezone

from forum import lifecycle
from forum.models import ProjectDeliverable, ProjectMember, ProjectObjective, ProjectStep, Stage
from tests.factories.agenda import EventIndexPageFactory, EventPageFactory
from tests.factories.forum import project, topic
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db


def ready_sheet(projects, **fields):
    sheet = project(
        projects,
        referent_name="Camille Référente",
        referent_email="referente@example.org",
        call_deadline=timezone.localdate() + datetime.timedelta(days=20),
        restitution="<p>Le guide est publié.</p>",
        **fields,
    )
    return sheet


def test_each_step_in_order_by_whom_may_take_it(home_page, projects, board_member, staff, editor):
    sheet = ready_sheet(projects)
    # The board validates; neither the staff nor an editor may.
    for user in (staff, editor):
        with pytest.raises(lifecycle.StepRefusedError):
            lifecycle.take_step(sheet, Stage.VALIDATED, user)
    lifecycle.take_step(sheet, Stage.VALIDATED, board_member)
    # Steps cannot be skipped.
    with pytest.raises(lifecycle.StepRefusedError):
        lifecycle.take_step(sheet, Stage.GROUP_FORMED, staff)
    with pytest.raises(lifecycle.StepRefusedError):
        lifecycle.take_step(sheet, Stage.CALL, board_member)  # the staff's step
    lifecycle.take_step(sheet, Stage.CALL, staff)
    # Each working step needs what it stands for in the sheet.
    with pytest.raises(lifecycle.StepRefusedError) as refused:
        lifecycle.take_step(sheet, Stage.GROUP_FORMED, staff)
    assert "les membres ou les structures du groupe" in refused.value.reasons[0]
    ProjectMember.objects.create(page=sheet, name="Un charpentier", role="Visites")
    lifecycle.take_step(sheet, Stage.GROUP_FORMED, staff)
    events = EventIndexPageFactory(parent=home_page)
    sheet.meetings.set([EventPageFactory(parent=events)])
    sheet.save()
    lifecycle.take_step(sheet, Stage.FRAMING, staff)
    ProjectObjective.objects.create(page=sheet, text="Recenser les lieux")
    ProjectDeliverable.objects.create(page=sheet, title="Guide", due_on=timezone.localdate())
    lifecycle.take_step(sheet, Stage.UNDER_WAY, staff)
    lifecycle.take_step(sheet, Stage.REPORTED, staff)
    with pytest.raises(lifecycle.StepRefusedError):
        lifecycle.take_step(sheet, Stage.CLOSED, staff)  # the board closes
    lifecycle.take_step(sheet, Stage.CLOSED, board_member)
    sheet.refresh_from_db()
    assert sheet.stage == Stage.CLOSED
    assert list(ProjectStep.objects.values_list("stage", flat=True)) == [
        "validated",
        "call",
        "group-formed",
        "framing",
        "under-way",
        "reported",
        "closed",
    ]


def test_validation_needs_a_referent_and_the_admin_view_says_why(client, projects, board_member, editor):
    sheet = project(projects)
    client.force_login(editor)
    assert (
        client.post(f"/admin/forum/project/{sheet.pk}/step/", {"taken_on": "2025-01-10"}).status_code == 403
    )
    client.force_login(board_member)
    response = client.post(f"/admin/forum/project/{sheet.pk}/step/", {"taken_on": "2025-01-10"})
    assert response.status_code == 400
    assert "referent" in response.content.decode().lower() or "référent" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.stage == Stage.PROPOSED


def test_a_volunteer_is_sent_to_the_referent_through_the_mail_server(
    client, projects, board_member, staff, smtp_server
):
    sheet = ready_sheet(projects)
    participate = sheet.url + sheet.reverse_subpage("participate")
    form = {
        "name": "Léa Dupont",
        "email": "lea@example.org",
        "organisation": "Atelier Dupont",
        "message": "J'accueille volontiers des collégiens.",
        "consent": "on",
    }
    assert client.post(participate, form).status_code == 409  # no call open yet
    lifecycle.take_step(sheet, Stage.VALIDATED, board_member)
    lifecycle.take_step(sheet, Stage.CALL, staff)
    sheet.refresh_from_db()
    assert (
        "Take part" in client.get(sheet.url).content.decode()
        or "Participer" in client.get(sheet.url).content.decode()
    )
    assert client.post(participate, {**form, "consent": ""}).status_code == 400
    response = client.post(participate, form)
    assert response.status_code == 200
    to_referent = [message for message in smtp_server.messages if "referente@example.org" in message["To"]]
    assert len(to_referent) == 1
    assert "Léa Dupont" in to_referent[0].get_content()
    assert to_referent[0]["Reply-To"] == "lea@example.org"


def test_the_timeline_is_built_from_the_topic_the_meeting_day_the_steps_and_the_deliverables(
    client, home_page, forum, projects, board_member
):
    subject = topic(forum, title="Les collégiens et nos métiers")
    events = EventIndexPageFactory(parent=home_page)
    day = EventPageFactory(parent=events, title="ConneXionS : les jeunes", revision=True)
    day.programme = [
        {
            "type": "session",
            "value": {
                "start": "10:00:00",
                "end": None,
                "title": "Forum",
                "speakers": "",
                "page": None,
                "topics": [subject.pk],
            },
        }
    ]
    day.save_revision().publish()
    sheet = ready_sheet(projects, topics=[subject])
    ProjectDeliverable.objects.create(page=sheet, title="Guide d'accueil", due_on=timezone.localdate())
    lifecycle.take_step(sheet, Stage.VALIDATED, board_member)
    page = client.get(sheet.url).content.decode()
    timeline = page[page.index('class="timeline"') :]
    for text in (
        "Les collégiens et nos métiers",
        "ConneXionS : les jeunes",
        "Camille Référente",
        "Guide d&#x27;accueil",
    ):
        assert text in timeline


@pytest.mark.parametrize("count", [1, 30])
def test_the_sheet_and_the_index_keep_their_query_budget(client, forum, projects, count):
    topics = [topic(forum) for _ in range(count)]
    sheet = ready_sheet(projects, topics=topics)
    for number in range(count):
        ProjectDeliverable.objects.create(page=sheet, title=f"Livrable {number}", due_on=timezone.localdate())
        ProjectObjective.objects.create(page=sheet, text=f"Objectif {number}")
    for _ in range(count):
        project(projects)
    assert queries_to_render(client, sheet.url) <= QUERY_BUDGET
    assert queries_to_render(client, projects.url) <= QUERY_BUDGET
    assert queries_to_render(client, forum.url) <= QUERY_BUDGET


def test_the_index_filters_by_stage_theme_and_kind(client, projects, taxonomy, board_member):
    theme = taxonomy["Theme"]["transmission"]
    validated = ready_sheet(projects, title="Chantier validé", themes=[theme])
    lifecycle.take_step(validated, Stage.VALIDATED, board_member)
    project(projects, title="Projet proposé", kind="project")
    assert "Projet proposé" not in client.get(projects.url + "?stage=validated").content.decode()
    assert "Chantier validé" in client.get(projects.url + "?stage=validated").content.decode()
    assert "Projet proposé" not in client.get(projects.url + f"?theme={theme.slug}").content.decode()
    assert "Chantier validé" not in client.get(projects.url + "?kind=project").content.decode()


def test_search_finds_a_workshop(client, projects):
    from django.core.management import call_command

    project(projects, title="Chantier bauge et torchis", summary="Les maisons en terre crue.")
    call_command("update_index", verbosity=0)
    response = client.get("/recherche/?q=torchis")
    assert "Chantier bauge et torchis" in response.content.decode()


def test_a_sheet_is_translatable_and_its_translation_shares_the_stage(
    client, locales, projects, board_member
):
    from wagtail_localize.models import StringSegment, TranslationSource

    sheet = ready_sheet(projects, title="Chantier collèges")
    sheet.objectives = [ProjectObjective(text="Recenser les lieux d'accueil")]
    sheet.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(sheet)
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert "Recenser les lieux d'accueil" in texts
    assert "Chantier collèges" in texts
    assert "referente@example.org" not in texts  # synchronised, never translated

    english = sheet.copy_for_translation(locales["en"], copy_parents=True)
    english.title = "Schools workshop"
    english.save_revision().publish()
    lifecycle.take_step(sheet, Stage.VALIDATED, board_member)
    english.refresh_from_db()
    assert english.stage == Stage.VALIDATED
    assert [objective.locale for objective in english.objectives.all()] == [locales["en"]]
    html = client.get(english.url).content.decode()
    assert "Camille Référente" in html[html.index('class="timeline"') :]

"""The data migrations on a database holding the old data: meeting days become events whose
replays keep their link, and the directory's working groups (``actors.WorkingGroup``, gone since)
become pages that hold every one of their actor links."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from agenda.models import EventPage, WorkingGroupPage
from knowledge.models import ReplayPage
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories

BEFORE = [("agenda", "0001_initial")]
FIRST_MOVE = [("agenda", "0002_events_from_meeting_days_and_groups")]


def latest():
    """Every app's last migration: the tests then read the data with today's models."""
    return MigrationLoader(connection).graph.leaf_nodes()


def migrate(targets):
    """Migrates to ``targets``; returns the historical models there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def old_group(apps, locale, name, slug, actors=()):
    WorkingGroup = apps.get_model("actors", "WorkingGroup")
    group = WorkingGroup.objects.create(
        name=name, slug=slug, description="Coopérer.", locale_id=locale.pk, translation_key=uuid.uuid4()
    )
    link_actors(apps, group, actors)
    return group


def link_actors(apps, group, actors):
    links = apps.get_model("actors", "ActorPage").working_groups.through
    links.objects.bulk_create([links(workinggroup_id=group.pk, actorpage_id=actor.pk) for actor in actors])


@pytest.fixture
def actors(home_page, taxonomy):
    directory = actor_factories.directory(home_page)
    commune = actor_factories.communes()["Saumur"]
    department = taxonomy["Department"]["maine-et-loire"]
    return [
        actor_factories.actor(directory, commune, department, title, slug=slug)
        for title, slug in [("Atelier du tuffeau", "atelier"), ("Musée de la pierre", "musee")]
    ]


@pytest.mark.django_db
def test_meeting_days_become_events_and_groups_pages_keeping_replays_and_members(
    client, home_page, locales, actors
):
    old = migrate(BEFORE)
    day = knowledge_factories.meeting_day(locales["fr"], title="ConneXionS : la pierre")
    replay = knowledge_factories.replay(knowledge_factories.replay_index(home_page), day)
    old_group(old, locales["fr"], "Patrimoine industriel", "industriel", actors[:1])

    migrate(latest())

    [event] = EventPage.objects.all()
    assert event.title == "ConneXionS : la pierre"
    assert event.meeting_day_id == day.pk
    assert event.start.date() == day.date
    assert event.venue == "Abbaye de Fontevraud"
    assert event.get_parent().specific_class.__name__ == "EventIndexPage"
    assert ReplayPage.objects.get(pk=replay.pk).meeting_day_id == day.pk
    [page] = WorkingGroupPage.objects.all()
    assert page.title == "Patrimoine industriel"
    assert [member.pk for member in page.members.all()] == [actors[0].pk]
    # The tree is sound: Wagtail serves them, and the actor's page names its group.
    assert client.get(event.url).status_code == 200
    assert replay.title in client.get(event.url).content.decode()
    assert client.get(page.url).status_code == 200
    assert f'<a href="{page.url}">Patrimoine industriel</a>' in client.get(actors[0].url).content.decode()


@pytest.mark.django_db
def test_links_made_after_the_first_move_move_too_and_nothing_is_doubled(client, locales, actors):
    first = migrate(FIRST_MOVE)
    group = old_group(first, locales["fr"], "Chartes et labels", "chartes", actors[:1])
    # What 0002 did on a site where it ran before the group existed: the page exists already.
    migrate(BEFORE)
    migrate(FIRST_MOVE)
    [page_id] = WorkingGroupPage.objects.values_list("pk", flat=True)  # today's columns are not there yet
    link_actors(migrate(FIRST_MOVE), group, actors[1:])  # an editor ticked the group since

    migrate(latest())

    [page] = WorkingGroupPage.objects.all()
    assert page.pk == page_id
    members = sorted(page.members.values_list("title", flat=True))
    assert members == ["Atelier du tuffeau", "Musée de la pierre"]
    for actor in actors:
        assert "Chartes et labels" in client.get(actor.url).content.decode()
    page_html = client.get(page.url).content.decode()
    assert "Atelier du tuffeau" in page_html
    assert "Musée de la pierre" in page_html


@pytest.mark.django_db
def test_running_it_again_moves_nothing_twice(home_page, locales):
    migrate(BEFORE)
    knowledge_factories.meeting_day(locales["fr"])
    migrate(latest())
    migrate(BEFORE)
    migrate(latest())
    assert EventPage.objects.count() == 1

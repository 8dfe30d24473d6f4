"""The data migration on a database holding the old data: meeting days become events whose
replays keep their link, and the directory's working groups become pages with their members."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actors.models import WorkingGroup
from agenda.models import EventPage, WorkingGroupPage
from knowledge.models import ReplayPage
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories

BEFORE = [("agenda", "0001_initial")]
AFTER = [("agenda", "0002_events_from_meeting_days_and_groups")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db
def test_meeting_days_become_events_and_groups_pages_keeping_replays_and_members(
    client, home_page, locales, taxonomy
):
    migrate(BEFORE)
    day = knowledge_factories.meeting_day(locales["fr"], title="ConneXionS : la pierre")
    replay = knowledge_factories.replay(knowledge_factories.replay_index(home_page), day)
    group = WorkingGroup.objects.create(
        name="Patrimoine industriel", slug="industriel", description="Coopérer.", locale=locales["fr"]
    )
    directory = actor_factories.directory(home_page)
    commune = actor_factories.communes()["Saumur"]
    actor = actor_factories.actor(
        directory, commune, taxonomy["Department"]["maine-et-loire"], working_groups=[group]
    )
    actor.save()

    migrate(AFTER)

    [event] = EventPage.objects.all()
    assert event.title == "ConneXionS : la pierre"
    assert event.meeting_day_id == day.pk
    assert event.start.date() == day.date
    assert event.venue == "Abbaye de Fontevraud"
    assert event.get_parent().specific_class.__name__ == "EventIndexPage"
    assert ReplayPage.objects.get(pk=replay.pk).meeting_day_id == day.pk
    [page] = WorkingGroupPage.objects.all()
    assert page.title == "Patrimoine industriel"
    assert page.legacy_group_id == group.pk
    assert [member.pk for member in page.members.all()] == [actor.pk]
    # The tree is sound: Wagtail serves them.
    assert client.get(event.url).status_code == 200
    assert replay.title in client.get(event.url).content.decode()
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_running_it_again_moves_nothing_twice(home_page, locales):
    migrate(BEFORE)
    knowledge_factories.meeting_day(locales["fr"])
    migrate(AFTER)
    migrate(BEFORE)
    migrate(AFTER)
    assert EventPage.objects.count() == 1

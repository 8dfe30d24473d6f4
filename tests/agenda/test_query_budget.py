"""The agenda's pages cost at most QUERY_BUDGET queries, the same with 1 and with 30 of each thing
they show: registrations, organisers, sessions of the programme, replays, events of a group."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.registrations import Registration
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories.agenda import (
    EventIndexPageFactory,
    EventPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)
from tests.query_budget import QUERY_BUDGET

MANY = 30


def queries_to_render(client, url: str) -> list[str]:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def past(days):
    start = timezone.now().replace(microsecond=0) - timedelta(days=days)
    return {"start": start, "end": start + timedelta(hours=6)}


@pytest.fixture
def pages(home_page, locales, taxonomy):
    agenda = EventIndexPageFactory(parent=home_page)
    group = WorkingGroupPageFactory(parent=WorkingGroupIndexPageFactory(parent=home_page), title="Groupe")
    directory = actor_factories.directory(home_page)
    communes = actor_factories.communes()
    department = taxonomy["Department"]["maine-et-loire"]
    day = knowledge_factories.meeting_day(locales["fr"])
    replays = knowledge_factories.replay_index(home_page)
    event = EventPageFactory(
        parent=agenda,
        title="Journée suivie",
        working_group=group,
        meeting_day=day,
        capacity=100,
        commune=communes["Saumur"],
        department=department,
    )
    past_event = EventPageFactory(parent=agenda, title="Journée passée", working_group=group, **past(3))
    state = {"count": 0}

    def grow_to(count):
        start = state["count"]
        for n in range(start, count):
            Registration.objects.create(event=event, name=f"Personne {n}", email=f"p{n}@example.org")
            organiser = actor_factories.actor(
                directory, communes["Saumur"], department, f"Organisateur {n}", slug=f"organisateur-{n}"
            )
            event.organisers.add(organiser)
            past_event.organisers.add(organiser)
            group.members.add(organiser)
            group.founders.add(organiser)
            knowledge_factories.replay(replays, day, title=f"Replay {n}", slug=f"replay-{n}")
            if n:
                EventPageFactory(
                    parent=agenda, title=f"Réunion {n}", working_group=group, organisers=[organiser]
                )
                EventPageFactory(
                    parent=agenda, title=f"Réunion passée {n}", working_group=group, **past(4 + n)
                )
        event.programme = [
            ("session", {"start": datetime.time(9 + n % 8), "title": f"Séance {n}", "speakers": "X"})
            for n in range(count)
        ]
        event.save_revision().publish()
        past_event.save_revision().publish()
        group.save_revision().publish()
        state["count"] = count

    return {"agenda": agenda, "event": event, "group": group, "grow_to": grow_to}


@pytest.mark.django_db
def test_the_agenda_pages_stay_within_the_query_budget_whatever_they_show(client, pages):
    agenda, event, group = pages["agenda"], pages["event"], pages["group"]
    urls = {
        "agenda": agenda.url,
        "past": agenda.url + "past/",
        "event": event.url,
        "groups": group.get_parent().url,
        "group": group.url,
    }
    pages["grow_to"](1)
    with_one = {name: queries_to_render(client, url) for name, url in urls.items()}
    pages["grow_to"](MANY)
    html = {name: client.get(url).content.decode() for name, url in urls.items()}
    assert f"Réunion {MANY - 1}" in html["agenda"]
    assert f"Réunion passée {MANY - 1}" in html["past"]
    assert f"Organisateur {MANY - 1}" in html["event"]
    assert f"Séance {MANY - 1}" in html["event"]
    assert f"Replay {MANY - 1}" in html["event"]
    assert f"Organisateur {MANY - 1}" in html["group"]
    assert f"Réunion passée {MANY - 1}" in html["group"]
    with_many = {name: queries_to_render(client, url) for name, url in urls.items()}
    counts = {name: (len(with_one[name]), len(with_many[name])) for name in urls}
    assert all(one == many <= QUERY_BUDGET for one, many in counts.values()), (counts, with_many)

"""The demo's agenda and working groups, as `make demo` shows them (on a copy of this run's demo)."""

import pytest
from django.test import Client
from django.utils import timezone

from agenda.models import EventPage, WorkingGroupPage
from agenda.registrations import Registration
from knowledge.models import ReplayPage
from tests.demo_database import DEMO_GROUP
from tests.home.test_demo import demo_copy  # noqa: F401 (the fixture)

pytestmark = pytest.mark.xdist_group(DEMO_GROUP)


def test_the_demo_has_the_four_groups_past_days_with_replays_and_a_full_registrable_day(demo_copy):  # noqa: F811
    groups = WorkingGroupPage.objects.filter(locale__language_code="fr").live()
    assert sorted(groups.values_list("title", flat=True)) == [
        "Action Jeunes-Pros du Patrimoine",
        "Chartes, labels et marques",
        "Patrimoine culturel immatériel",
        "Patrimoine industriel et technique",
    ]
    events = EventPage.objects.filter(locale__language_code="fr").live()
    with_replays = [e for e in events if ReplayPage.objects.filter(meeting_day_id=e.meeting_day_id).exists()]
    assert len(with_replays) == 4
    assert events.filter(kind="general-assembly").exists()
    assert events.filter(kind="group-meeting").count() >= 2
    upcoming = [e for e in events.filter(start__gt=timezone.now()) if e.accepts_registrations]
    assert len(upcoming) >= 3
    [full] = [e for e in upcoming if e.is_full]
    assert Registration.objects.filter(event=full, status="waiting").count() == 2

    client = Client()
    for page in [events.get(slug="connexions-savoir-faire"), groups.first(), with_replays[0]]:
        assert client.get(page.url).status_code == 200, page.url


def test_the_english_agenda_and_groups_answer_with_their_pages(demo_copy):  # noqa: F811
    # They answered 404: wagtail-localize published each translated parent from the object it
    # held before creating its children, with a child count of 0 (core/tree.py).
    client = Client()
    english = [
        *EventPage.objects.filter(locale__language_code="en").live(),
        *WorkingGroupPage.objects.filter(locale__language_code="en").live(),
    ]
    assert len(english) >= 10
    for page in english:
        assert client.get(page.url).status_code == 200, page.url
        parent_url = page.get_parent().url
        assert client.get(parent_url).status_code == 200, parent_url

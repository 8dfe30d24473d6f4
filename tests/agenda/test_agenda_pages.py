"""The agenda as visitors and calendars see it: listings and filters, the event page, its JSON-LD,
the .ics and the iCal feeds, in constant queries."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from agenda.models import EventQuestion, EventStatus
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories.agenda import (
    EventIndexPageFactory,
    EventPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)
from tests.helpers import fetched_resources, json_ld_blocks

# Wagtail's routing, the chrome and the view restrictions take most; none grows with content.
MAX_QUERIES_PER_PAGE = 22


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


def past(days=30):
    start = timezone.now().replace(microsecond=0) - timedelta(days=days)
    return {"start": start, "end": start + timedelta(hours=6)}


@pytest.mark.django_db
def test_the_agenda_lists_upcoming_events_soonest_first_and_past_ones_on_their_own_page(client, agenda):
    later = EventPageFactory(parent=agenda, title="Assemblée générale", kind="general-assembly")
    sooner = EventPageFactory(
        parent=agenda,
        title="Réunion du groupe",
        start=later.start - timedelta(days=10),
        end=later.start - timedelta(days=10, hours=-2),
    )
    EventPageFactory(parent=agenda, title="Journée passée", **past())
    page = client.get(agenda.url).content.decode()
    listing = page[page.index('class="card-grid') :]  # the kind filter names « Assemblée générale » too
    assert listing.index(sooner.title) < listing.index(later.title)
    assert "Journée passée" not in page
    past_page = client.get(agenda.url + "past/").content.decode()
    assert "Journée passée" in past_page
    assert "Assemblée générale" not in past_page


@pytest.mark.django_db
def test_the_agenda_filters_by_kind_and_attendance_with_counts(client, agenda):
    EventPageFactory(parent=agenda, title="Assemblée générale", kind="general-assembly")
    EventPageFactory(parent=agenda, title="Webinaire", kind="programme-day", attendance_mode="online")
    response = client.get(agenda.url, {"kind": "general-assembly"})
    page = response.content.decode()
    assert "Assemblée générale" in page
    assert "Webinaire" not in page
    response = client.get(agenda.url, {"attendance": "online"})
    assert "Webinaire" in response.content.decode()
    assert "Assemblée générale" not in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_filter_is_reported_not_an_error(client, agenda):
    response = client.get("/en" + agenda.url, {"kind": "<script>"})
    assert response.status_code == 200
    assert "unknown and were ignored" in response.content.decode()


@pytest.mark.django_db
def test_the_agenda_filters_by_working_group(client, home_page, agenda):
    groups = WorkingGroupIndexPageFactory(parent=home_page)
    group = WorkingGroupPageFactory(parent=groups, title="Patrimoine industriel", slug="industriel")
    EventPageFactory(parent=agenda, title="Réunion industrielle", kind="group-meeting", working_group=group)
    EventPageFactory(parent=agenda, title="Autre journée")
    page = client.get(agenda.url, {"group": "industriel"}).content.decode()
    assert "Réunion industrielle" in page
    assert "Autre journée" not in page


@pytest.mark.django_db
def test_event_json_ld_has_status_attendance_mode_place_and_organiser(client, agenda):
    event = EventPageFactory(parent=agenda, attendance_mode="hybrid", status=EventStatus.POSTPONED)
    [data] = [
        block for block in json_ld_blocks(client.get(event.url).content.decode()) if block["@type"] == "Event"
    ]
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place"
    assert place["name"] == "Abbaye de Fontevraud"
    assert virtual["@type"] == "VirtualLocation"
    assert data["organizer"][0]["@type"] == "Organization"
    assert data["startDate"].endswith(("+01:00", "+02:00"))


@pytest.mark.django_db
def test_a_cancelled_event_says_so_and_takes_no_registration(client, agenda):
    event = EventPageFactory(parent=agenda, status=EventStatus.CANCELLED)
    page = client.get("/en" + event.url).content.decode()
    assert "This event is cancelled." in page
    assert "Registration is closed." in page
    assert 'action="/en' not in page or "register/" not in page


@pytest.mark.django_db
def test_the_event_ics_parses_with_a_stable_uid(client, agenda):
    event = EventPageFactory(parent=agenda, title="Journée", summary="Une journée d'échanges.")
    response = client.get(event.url + "ics/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [item] = Calendar.from_ical(response.content).walk("VEVENT")
    uid = str(item["UID"])
    assert uid.endswith("@localhost")  # the public address: the default Site (core.public_address)
    assert "Une journée d'échanges." in str(item["DESCRIPTION"])
    assert str(item["URL"]).endswith(event.url)
    event.title = "Journée renommée"
    event.slug = "journee-renommee"
    event.save_revision().publish()
    event.refresh_from_db()
    again = Calendar.from_ical(client.get(event.url + "ics/").content).walk("VEVENT")[0]
    assert str(again["UID"]) == uid
    assert str(again["SUMMARY"]) == "Journée renommée"


@pytest.mark.django_db
def test_the_agenda_feed_and_a_groups_feed_hold_their_events(client, home_page, agenda):
    groups = WorkingGroupIndexPageFactory(parent=home_page)
    group = WorkingGroupPageFactory(parent=groups)
    EventPageFactory(parent=agenda, title="Réunion du groupe", working_group=group)
    EventPageFactory(parent=agenda, title="Assemblée générale")
    EventPageFactory(parent=agenda, title="Brouillon", live=False)
    everything = Calendar.from_ical(client.get(agenda.url + "ical/").content)
    assert sorted(str(e["SUMMARY"]) for e in everything.walk("VEVENT")) == [
        "Assemblée générale",
        "Réunion du groupe",
    ]
    of_group = Calendar.from_ical(client.get(group.url + "ical/").content)
    assert [str(e["SUMMARY"]) for e in of_group.walk("VEVENT")] == ["Réunion du groupe"]


@pytest.mark.django_db
def test_add_to_calendar_links_are_plain_links_and_no_third_party_resource_loads(client, agenda):
    event = EventPageFactory(parent=agenda)
    page = client.get(event.url).content.decode()
    assert "calendar.google.com/calendar/render?" in page
    assert '<script src="http' not in page
    assert "<iframe" not in page


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_agenda_event_and_group_pages_take_the_same_queries_whatever_their_content(client, home_page, agenda):
    groups = WorkingGroupIndexPageFactory(parent=home_page)
    group = WorkingGroupPageFactory(parent=groups)
    event = EventPageFactory(parent=agenda, working_group=group)
    EventPageFactory(parent=agenda, working_group=group, **past())
    client.get(agenda.url)  # the per-process chrome is remembered from the first request on
    urls = [agenda.url, agenda.url + "past/", event.url, group.url, agenda.url + "ical/"]
    before = [queries_of(client, url) for url in urls]
    for days in range(6):
        other = EventPageFactory(parent=agenda, working_group=group, **past(days + 2))
        other.questions.create(label="Question")
        EventPageFactory(parent=agenda, working_group=group)
    EventQuestion.objects.create(event=event, label="Atelier choisi")
    client.get(agenda.url)  # new content: the chrome is remembered again, once
    after = [queries_of(client, url) for url in urls]
    assert after == before
    assert max(after) <= MAX_QUERIES_PER_PAGE, dict(zip(urls, after, strict=True))


@pytest.mark.django_db
def test_the_event_page_lists_the_replays_of_its_meeting_day(client, home_page, agenda, locales):

    day = knowledge_factories.meeting_day(locales["fr"])
    replay = knowledge_factories.replay(knowledge_factories.replay_index(home_page), day)
    event = EventPageFactory(parent=agenda, meeting_day=day, **past())
    page = client.get(event.url).content.decode()
    assert replay.title in page
    assert json.dumps(replay.url)[1:-1] in page


@pytest.mark.django_db
def test_each_programme_has_its_feed_linked_from_the_agenda_filtered_by_it(client, agenda):
    trajet = EventPageFactory(parent=agenda, title="Journée TRAJET", programme_name="trajet")
    EventPageFactory(parent=agenda, title="Journée Culturdiag", programme_name="culturdiag")
    EventPageFactory(parent=agenda, title="Assemblée générale")
    EventPageFactory(parent=agenda, title="TRAJET en brouillon", programme_name="trajet", live=False)
    feed_url = agenda.url + "programme/trajet/ical/"
    response = client.get(feed_url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    feed = Calendar.from_ical(response.content)
    [item] = feed.walk("VEVENT")
    assert str(item["SUMMARY"]) == "Journée TRAJET"
    assert str(feed["X-WR-CALNAME"]) == "Agenda – TRAJET"  # noqa: RUF001 (the typographic dash)
    # The same unique id as in the event's own file and the whole agenda's feed.
    assert str(item["UID"]) == trajet.calendar_uid()
    [own] = Calendar.from_ical(client.get(trajet.url + "ics/").content).walk("VEVENT")
    assert str(own["UID"]) == str(item["UID"])
    assert client.get(agenda.url + "programme/inconnu/ical/").status_code == 404

    filtered = client.get(agenda.url, {"programme": "trajet"}).content.decode()
    [link] = re.findall(rf'<a href="{re.escape(feed_url)}">([^<]*)</a>', filtered)
    assert "TRAJET" in link
    assert "programme/" not in client.get(agenda.url).content.decode()


@pytest.mark.django_db
def test_the_event_map_is_offered_and_loads_nothing_until_the_visitor_asks(client, agenda):
    saumur = actor_factories.communes()["Saumur"]
    event = EventPageFactory(parent=agenda, venue="Abbaye royale", commune=saumur)
    html = client.get(event.url).content.decode()
    assert f'data-point="{float(saumur.latitude):.5f},{float(saumur.longitude):.5f}"' in html
    assert 'data-label="Abbaye royale, Rue Saint-Jean-de-l&#x27;Habit, Saumur"' in html
    assert '<button type="button" class="button" id="event-map-button" hidden>' in html
    fetched = fetched_resources(html).fetched
    assert "/static/dist/js/map.js" in fetched
    assert [url for url in fetched if url.startswith("http")] == []

    online = EventPageFactory(parent=agenda, attendance_mode="online", commune=saumur)
    online_html = client.get(online.url).content.decode()
    assert "data-place-map" not in online_html
    assert "map.js" not in online_html

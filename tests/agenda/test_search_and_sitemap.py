"""Events and working groups are found by the site's search, filtered as events, and on the sitemap."""

import pytest
from django.core.management import call_command

from search.indexing import rebuild_facets
from tests.factories.agenda import (
    EventIndexPageFactory,
    EventPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)


@pytest.fixture
def indexed(home_page, taxonomy):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, title="Assemblée générale du réseau", kind="general-assembly")
    EventPageFactory(
        parent=agenda,
        title="Assemblée TRAJET en ligne",
        kind="programme-day",
        attendance_mode="online",
        programme_name="trajet",
    )
    group = WorkingGroupPageFactory(
        parent=WorkingGroupIndexPageFactory(parent=home_page), title="Patrimoine industriel"
    )
    call_command("update_index", verbosity=0)
    rebuild_facets()
    return {"event": event, "group": group}


@pytest.mark.django_db
def test_search_finds_the_event_and_filters_it_as_an_event(client, indexed):
    page = client.get("/recherche/", {"q": "assemblée"}).content.decode()
    assert "Assemblée générale du réseau" in page
    filtered = client.get("/recherche/", {"q": "assemblée", "kind": "event"}).content.decode()
    assert "Assemblée générale du réseau" in filtered
    other = client.get("/recherche/", {"q": "assemblée", "kind": "trade"}).content.decode()
    assert "Assemblée générale du réseau" not in other


@pytest.mark.django_db
def test_search_finds_a_working_group(client, indexed):
    assert "Patrimoine industriel" in client.get("/recherche/", {"q": "industriel"}).content.decode()


@pytest.mark.django_db
def test_the_sitemap_lists_the_agenda_pages(client, indexed):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert indexed["event"].url in sitemap
    assert indexed["group"].url in sitemap


@pytest.mark.django_db
def test_search_filters_events_by_kind_attendance_and_programme_with_named_choices(client, indexed):
    page = client.get("/recherche/", {"q": "assemblée"}).content.decode()
    labels = ["Type d\u2019événement", "Participation", "Dispositif", "Assemblée générale", "En ligne"]
    for label in [*labels, "TRAJET"]:
        assert label in page, label
    by_kind = client.get("/recherche/", {"q": "assemblée", "event-kind": "general-assembly"}).content.decode()
    assert "Assemblée générale du réseau" in by_kind
    assert "Assemblée TRAJET en ligne" not in by_kind
    online = client.get("/recherche/", {"q": "assemblée", "attendance": "online"}).content.decode()
    assert "Assemblée TRAJET en ligne" in online
    assert "Assemblée générale du réseau" not in online
    trajet = client.get("/recherche/", {"q": "assemblée", "programme": "trajet"}).content.decode()
    assert "Assemblée TRAJET en ligne" in trajet
    assert "Assemblée générale du réseau" not in trajet
    unknown = client.get("/recherche/", {"q": "assemblée", "programme": "inconnu"})
    assert unknown.status_code == 200

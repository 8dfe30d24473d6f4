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

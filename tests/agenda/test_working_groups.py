"""Working groups as pages: members, meetings, and the « join » form that reaches the referent
without ever showing the referent's address."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import actors as actor_factories
from tests.factories.agenda import (
    EventIndexPageFactory,
    EventPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def group(home_page):
    index = WorkingGroupIndexPageFactory(parent=home_page)
    return WorkingGroupPageFactory(parent=index, title="Patrimoine industriel et technique")


@pytest.mark.django_db
def test_the_group_page_shows_members_next_and_past_meetings_but_never_the_referents_address(
    client, home_page, group, taxonomy
):
    directory = actor_factories.directory(home_page)
    commune = actor_factories.communes()["Saumur"]
    member = actor_factories.actor(
        directory, commune, taxonomy["Department"]["maine-et-loire"], title="Musée Espace Air Passion"
    )
    group.members.add(member)
    group.save()
    agenda = EventIndexPageFactory(parent=home_page)
    soon = timezone.now().replace(microsecond=0) + timedelta(days=5)
    EventPageFactory(
        parent=agenda,
        title="Réunion de printemps",
        working_group=group,
        start=soon,
        end=soon + timedelta(hours=2),
    )
    before = timezone.now().replace(microsecond=0) - timedelta(days=90)
    EventPageFactory(
        parent=agenda,
        title="Réunion d'hiver",
        working_group=group,
        start=before,
        end=before + timedelta(hours=2),
    )
    page = client.get(group.url).content.decode()
    assert "Musée Espace Air Passion" in page
    assert "Réunion de printemps" in page
    assert "Réunion d&#x27;hiver" in page or "Réunion d'hiver" in page
    assert "Camille Referente" in page
    assert "referente.secrete@example.org" not in page


@pytest.mark.django_db
def test_joining_notifies_the_referent_and_acknowledges_the_sender(client, group, smtp_server):
    response = client.post(
        group.url + "join/",
        {
            "name": "Léa Martin",
            "email": "lea@example.org",
            "organisation": "Musée",
            "message": "Je voudrais participer.",
        },
    )
    assert response.status_code == 200
    assert "referente.secrete@example.org" not in response.content.decode()
    to_referent, acknowledgement = smtp_server.wait_for(2)
    assert to_referent["To"] == "referente.secrete@example.org"
    assert to_referent["Reply-To"] == "lea@example.org"
    assert "Je voudrais participer." in smtp_server.text(to_referent)
    assert acknowledgement["To"] == "lea@example.org"
    assert "referente.secrete" not in smtp_server.text(acknowledgement)


@pytest.mark.django_db
def test_an_incomplete_join_request_gets_a_400_and_sends_nothing(client, group, mailoutbox):
    response = client.post("/en" + group.url + "join/", {"name": "Léa", "email": "nope"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_group_index_lists_the_groups(client, group):
    index = group.get_parent()
    assert group.title in client.get(index.url).content.decode()


@pytest.mark.django_db
def test_the_english_group_page_lists_the_english_pages_of_its_members(
    client, home_page, group, taxonomy, locales
):
    directory = actor_factories.directory(home_page)
    commune = actor_factories.communes()["Saumur"]
    member = actor_factories.actor(
        directory, commune, taxonomy["Department"]["maine-et-loire"], title="Musée"
    )
    group.members.add(member)
    group.save_revision().publish()
    english_pages = {}
    for page in (home_page, directory, member, group.get_parent().specific, group):
        english = page.copy_for_translation(locales["en"], copy_parents=True)
        if page is member:
            english.title = "Museum"
        english.save_revision().publish()
        english_pages[page.pk] = english
    html = client.get(english_pages[group.pk].url).content.decode()
    assert f'<a href="{english_pages[member.pk].url}">Museum</a>' in html
    assert client.get(group.url).content.decode().count(f'<a href="{member.url}">Musée</a>') == 1

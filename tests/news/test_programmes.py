"""The support programmes: their page, calls whose state follows the date, reminders."""

import json
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.forms import REMINDER_CONSENT
from news.models import CallReminder
from tests.factories import actors as actor_factories
from tests.factories.agenda import EventIndexPageFactory, EventPageFactory
from tests.factories.news import call, programme, programme_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def trajet(home_page, taxonomy):
    directory = actor_factories.directory(home_page)
    communes = actor_factories.communes()
    network = actor_factories.actor(directory, communes["Saumur"], taxonomy["Department"]["maine-et-loire"])
    page = programme(
        programme_index(home_page),
        calls=[call(-60, -30, title="Promotion 2026"), call(5, 20, title="Promotion 2027")],
        networks=[network],
    )
    return page, network


def test_the_programme_lists_its_sessions_from_the_agenda(client, home_page, trajet):
    page, _network = trajet
    page.agenda_programme = "trajet"
    page.save_revision().publish()
    agenda = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=agenda, title="Journée TRAJET : le modèle économique", programme_name="trajet")
    EventPageFactory(parent=agenda, title="Journée Culturdiag", programme_name="culturdiag")
    EventPageFactory(parent=agenda, title="Journée TRAJET en brouillon", programme_name="trajet", live=False)

    html = client.get(page.url).content.decode()

    assert "Journée TRAJET : le modèle économique" in html
    assert "Journée Culturdiag" not in html
    assert "en brouillon" not in html


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def call_states(client, page):
    soup = soup_of(client.get(page.url))
    return {
        article.select_one(".call__title").contents[0].strip(): article["class"][1].removeprefix("call--")
        for article in soup.select("article.call")
    }, soup


def home_calls(client):
    return [
        a.get_text(strip=True) for a in soup_of(client.get("/")).select("#open-calls-title ~ .card-grid a")
    ]


def test_the_programme_page_says_what_for_whom_how_long_who_runs_it_and_whom_to_ask(client, trajet):
    page, network = trajet
    soup = soup_of(client.get(page.url))
    text = soup.get_text(" ", strip=True)
    assert "Formations, journées thématiques et entretiens individuels." in text
    assert "Les projets culturels installés en Pays de la Loire." in text
    assert "8 mois" in text
    assert soup.select_one(f'a[href="{network.url}"]').get_text() == network.title
    assert soup.select_one('a[href="mailto:contact@example.org"]')


def test_a_calls_state_follows_the_date_with_nothing_published(client, trajet):
    page, _network = trajet
    states, soup = call_states(client, page)
    assert states == {"Promotion 2027": "upcoming"}  # the past call is listed apart
    assert "Promotion 2026" in soup.get_text()
    assert home_calls(client) == []
    with time_machine.travel(timezone.now() + timezone.timedelta(days=6)):
        states, _soup = call_states(client, page)
        assert states["Promotion 2027"] == "open"
        assert home_calls(client) == ["TRAJET : Promotion 2027"]
    with time_machine.travel(timezone.now() + timezone.timedelta(days=21)):
        states, _soup = call_states(client, page)
        assert states == {}
        assert home_calls(client) == []


def test_the_programme_has_its_json_ld_with_the_application_dates(client, trajet):
    page, network = trajet
    scripts = soup_of(client.get(page.url)).select('script[type="application/ld+json"]')
    data = json.loads(scripts[0].string)
    assert data["@type"] == "EducationalOccupationalProgram"
    upcoming = page.calls.get(title="Promotion 2027")
    assert data["applicationStartDate"] == upcoming.opens_on.isoformat()
    assert data["applicationDeadline"] == upcoming.closes_on.isoformat()
    assert data["provider"] == [{"@type": "Organization", "name": network.title, "url": network.full_url}]


def test_a_call_that_closes_before_it_opens_is_refused(trajet):
    bad = call(10, 5)
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "closes_on" in error.value.message_dict


def reminder_url(page):
    return reverse("news:ask_for_reminder", args=[page.calls.get(title="Promotion 2027").pk])


def test_a_reminder_needs_an_address_and_consent(client, trajet):
    page, _network = trajet
    response = client.post(reminder_url(page), {"email": "pas-une-adresse"})
    assert response.status_code == 400
    errors = [error.get_text() for error in soup_of(response).select(".field__error")]
    assert len(errors) == 2
    assert not CallReminder.objects.exists()


def test_a_visitor_is_reminded_once_a_week_before_the_call_closes(client, trajet, smtp_server):
    page, _network = trajet
    response = client.post(reminder_url(page), {"email": "Ada@Example.org", "consent": "on"})
    assert response.status_code == 200
    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["To"] == "ada@example.org"
    link = re.search(r"https?://\S+", smtp_server.text(confirmation)).group(0)
    path = link.split("localhost", 1)[1]
    reminder = CallReminder.objects.get()
    assert reminder.consented_at is not None
    assert reminder.consent == str(REMINDER_CONSENT)
    assert reminder.confirmed_at is None

    # Opening the link asks; the button confirms (a link checker opening it confirms nothing).
    assert client.get(path).status_code == 200
    CallReminder.objects.get(confirmed_at__isnull=True)
    client.post(path)
    reminder.refresh_from_db()
    assert reminder.confirmed_at is not None

    smtp_server.clear()
    call_command("send_call_reminders")
    assert smtp_server.messages == []  # not yet: the call closes in 20 days
    with time_machine.travel(timezone.now() + timezone.timedelta(days=13)):
        call_command("send_call_reminders")
        call_command("send_call_reminders")
        [reminder_mail] = smtp_server.wait_for(1)
        assert "Promotion 2027" in reminder_mail["Subject"]
        assert "http://localhost" + page.url in smtp_server.text(reminder_mail)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=21)):
        call_command("purge_network_life_addresses")
    assert not CallReminder.objects.exists()


def test_an_unconfirmed_reminder_is_forgotten_after_a_week(client, trajet):
    page, _network = trajet
    client.post(reminder_url(page), {"email": "ada@example.org", "consent": "on"})
    call_command("purge_network_life_addresses")
    assert CallReminder.objects.count() == 1
    with time_machine.travel(timezone.now() + timezone.timedelta(days=8)):
        call_command("purge_network_life_addresses")
    assert not CallReminder.objects.exists()

"""core.public_address: a mail sent in a request and one sent by the timer carry the same public
link, from the Site's address, whatever host the request came by."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from core.public_address import public_base_url, public_host, public_url
from questions import transitions
from tests.factories.questions import QuestionFactory, ResourcePersonFactory

PARIS = ZoneInfo("Europe/Paris")


def at(*moment):
    return time_machine.travel(datetime(*moment, tzinfo=PARIS), tick=False)


def test_the_public_address_is_the_default_sites_else_the_setting(home_page, settings):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "patrimoine.example.org", 443
    site.save()
    assert public_base_url() == "https://patrimoine.example.org"
    assert public_url("/recherche/") == "https://patrimoine.example.org/recherche/"
    assert public_host() == "patrimoine.example.org"
    Site.objects.all().delete()
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org/"
    assert public_url("/x/") == "https://admin.example.org/x/"


def test_a_mail_from_a_request_and_one_from_the_timer_carry_the_same_public_link(
    admin_client, home_page, taxonomy, smtp_server, django_capture_on_commit_callbacks, settings
):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "patrimoine.example.org", 443
    site.save()
    settings.ALLOWED_HOSTS = ["*"]
    # Reminders the same day as the offer, so that both mails are signed at the same moment.
    settings.QUESTIONS_REMINDER_WORKING_DAYS_BEFORE = 2
    jeanne = ResourcePersonFactory(
        email="jeanne@example.org", skills={"materials": [taxonomy["Material"]["tuffeau"]]}
    )
    with at(2026, 12, 1, 10, 0):
        question = transitions.receive(
            QuestionFactory(themes={"materials": [taxonomy["Material"]["tuffeau"]]})
        )
    smtp_server.clear()
    with at(2026, 12, 1, 11, 0), django_capture_on_commit_callbacks(execute=True):
        # In a request, from a host that is not the public one (an internal address).
        desk = reverse("questions_desk", args=[question.pk])
        response = admin_client.post(
            desk, {"action": "route", "persons": [jeanne.pk]}, HTTP_HOST="10.0.0.5:8000"
        )
        assert response.status_code == 302
        # The timer, with no request at all.
        call_command("question_reminders", verbosity=0)
    offer, reminder = (message for message in smtp_server.messages if message["To"] == "jeanne@example.org")
    offer_links = [line for line in smtp_server.text(offer).split() if line.startswith("http")]
    reminder_links = [line for line in smtp_server.text(reminder).split() if line.startswith("http")]
    assert offer_links == reminder_links
    assert all(link.startswith("https://patrimoine.example.org/") for link in offer_links)

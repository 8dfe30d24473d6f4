"""The newsletter: double opt-in, the digest an issue starts from, preview, test, send, unsubscribe."""

import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.digest import new_issue
from news.models import Delivery, NewsletterIssue, Subscriber
from news.newsletter import send_batch_task, start_sending
from tests.factories import trades as trade_factories
from tests.factories.agenda import EventIndexPageFactory, EventPageFactory
from tests.factories.news import call, news_index, news_item, programme, programme_index

pytestmark = pytest.mark.django_db


def confirmed(email, language="fr"):
    return Subscriber.objects.create(
        email=email, language=language, consent="Oui", confirmed_at=timezone.now()
    )


@pytest.fixture
def content(home_page, taxonomy):
    news = news_index(home_page)
    fresh = news_item(news, title="Une nouvelle de la semaine")
    old = news_item(news, title="Une nouvelle d'avant", days_ago=60)
    NewsletterIssue.objects.create(
        subject="Le numéro précédent",
        since=timezone.now() - timezone.timedelta(days=90),
        status=NewsletterIssue.Status.SENT,
        sent_at=timezone.now() - timezone.timedelta(days=1),
    )
    # Published before the last issue: the digest leaves it out.
    type(old).objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timezone.timedelta(days=60)
    )
    programmes = programme_index(home_page)
    trajet = programme(programmes, calls=[call(-5, 20, title="Promotion 2027")])
    closed = programme(programmes, title="Culturdiag", slug="culturdiag", calls=[call(-50, -20)])
    offers = trade_factories.opportunity_index(home_page)
    # The digest reads when a page was first published: this offer gets a real revision.
    offer = trade_factories.opportunity(offers, taxonomy, title="Apprenti couvreur", revision=True)
    agenda = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=agenda, title="Journée ConneXionS à venir")
    EventPageFactory(
        parent=agenda,
        title="Journée ConneXionS passée",
        start=timezone.now() - timezone.timedelta(days=10),
        end=timezone.now() - timezone.timedelta(days=10, hours=-7),
    )
    return {"fresh": fresh, "old": old, "trajet": trajet, "closed": closed, "offer": offer}


def test_a_new_issue_starts_from_what_is_new_since_the_last_one(content):
    issue = new_issue("fr")
    titles = [block.value["page"].title for block in issue.items]
    assert "Une nouvelle de la semaine" in titles
    assert "Une nouvelle d'avant" not in titles
    assert "TRAJET" in titles  # its call is open
    assert "Culturdiag" not in titles  # its call is closed
    assert "Apprenti couvreur" in titles
    assert "Journée ConneXionS à venir" in titles
    assert "Journée ConneXionS passée" not in titles
    trajet = next(block for block in issue.items if block.value["page"].title == "TRAJET")
    assert "Promotion 2027" in trajet.value["note"]


def test_the_admin_form_of_a_new_issue_holds_the_digest(admin_client, content):
    response = admin_client.get(reverse("wagtailsnippets_news_newsletterissue:add"))
    assert response.status_code == 200
    page = response.content.decode()
    assert str(content["fresh"].pk) in page
    assert str(content["trajet"].pk) in page
    assert "Une nouvelle d'avant" not in page


def subscribe(client, email):
    return client.post(reverse("news:subscribe"), {"email": email, "consent": "on"})


def test_subscribing_needs_consent_and_saves_nothing_without(client, home_page):
    response = client.post(reverse("news:subscribe"), {"email": "ada@example.org"})
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select(".field__error")
    assert not Subscriber.objects.exists()


def test_subscribing_is_confirmed_by_the_signed_link_and_records_the_consent(client, home_page, smtp_server):
    assert subscribe(client, "Ada@Example.org").status_code == 200
    [message] = smtp_server.wait_for(1)
    path = re.search(r"http://localhost(\S+)", smtp_server.text(message)).group(1)
    assert f'href="http://localhost{path}"' in smtp_server.html(message)  # the shared HTML layout
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.org"
    assert subscriber.consented_at
    assert not subscriber.is_confirmed
    assert subscriber.consent.startswith(("I agree", "J'accepte"))
    client.get(path)
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed  # opening the link asks; the button confirms
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed
    # Asking again sends no second confirmation to a confirmed address, and says the same.
    smtp_server.clear()
    assert subscribe(client, "ada@example.org").status_code == 200
    assert smtp_server.messages == []


def test_a_damaged_confirmation_link_is_refused(client, home_page):
    response = client.get(reverse("news:confirm_subscription", args=["abc:def"]))
    assert response.status_code == 400


def test_the_preview_shows_the_issue_as_the_mail(rf, admin_user, content):
    issue = new_issue("fr")
    issue.subject = "Lettre de décembre"
    issue.introduction = "Bonjour à toutes et à tous."
    issue.save()
    request = rf.get("/")
    request.user = admin_user
    # What the admin's preview panel shows (Wagtail calls this with the form's unsaved state).
    response = issue.make_preview_request(request, issue.default_preview_mode)
    response.render()
    html = response.content.decode()
    assert "Lettre de décembre" in html
    assert "Bonjour à toutes et à tous." in html
    assert "Une nouvelle de la semaine" in html
    assert '<table role="presentation"' in html


def test_a_test_goes_to_the_editor_only(admin_client, admin_user, content, smtp_server):
    confirmed("abonne@example.org")
    issue = new_issue("fr")
    issue.subject = "Lettre de décembre"
    issue.save()
    admin_client.post(reverse("news_send_issue", args=[issue.pk]), {"test": "1"})
    [message] = smtp_server.wait_for(1)
    assert message["To"] == admin_user.email
    assert message["Subject"] == "Lettre de décembre"
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert not issue.deliveries.exists()


def test_sending_reaches_each_confirmed_subscriber_once_with_a_one_click_unsubscribe(
    admin_client, content, smtp_server
):
    for email in ("un@example.org", "deux@example.org", "trois@example.org"):
        confirmed(email)
    Subscriber.objects.create(email="pas-confirme@example.org", language="fr", consent="Oui")
    confirmed("english@example.org", language="en")
    issue = new_issue("fr")
    issue.subject = "Lettre de décembre"
    issue.save()

    admin_client.post(reverse("news_send_issue", args=[issue.pk]), {"send": "1"})
    messages = smtp_server.wait_for(4)
    # The English subscriber too, in French: the issue has no English translation (issue 14).
    assert sorted(to for _sender, [to] in smtp_server.envelopes) == [
        "deux@example.org",
        "english@example.org",
        "trois@example.org",
        "un@example.org",
    ]
    for message in messages:
        text, html = smtp_server.text(message), smtp_server.html(message)
        assert "Une nouvelle de la semaine" in text
        assert "Une nouvelle de la semaine" in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).group(1)
        assert url in text
        assert url in html
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    assert set(issue.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}

    # Sending again, or running a batch again, reaches nobody twice.
    smtp_server.clear()
    admin_client.post(reverse("news_send_issue", args=[issue.pk]), {"send": "1"})
    start_sending(issue.pk)
    send_batch_task.enqueue(issue.pk, list(issue.deliveries.values_list("pk", flat=True)))
    assert smtp_server.messages == []

    # One click in the mail program (RFC 8058): a POST, with no form token, unsubscribes.
    message = messages[0]
    url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).group(1)
    path = url.split("localhost", 1)[1]
    # Opening the link in a browser asks first (a link checker unsubscribes nobody)...
    assert Client().get(path).status_code == 200
    assert Subscriber.objects.filter(email=message["To"]).exists()
    # ...and the mail program's one click unsubscribes at once.
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email=message["To"]).exists()
    assert Subscriber.objects.filter(confirmed_at__isnull=False).count() == 3


def test_the_export_lists_confirmed_subscribers_in_safe_cells(admin_client, home_page):
    confirmed("=cmd@example.org")
    Subscriber.objects.create(email="pas-confirme@example.org", language="fr", consent="Oui")
    response = admin_client.get(reverse("news_export_subscribers"))
    body = response.content.decode("utf-8-sig")
    assert "'=cmd@example.org" in body
    assert "pas-confirme" not in body
    assert mail.outbox == []


def test_an_unconfirmed_subscription_is_forgotten_after_a_week(client, home_page):
    subscribe(client, "ada@example.org")
    call_command("purge_network_life_addresses")
    assert Subscriber.objects.count() == 1
    with time_machine.travel(timezone.now() + timezone.timedelta(days=8)):
        call_command("purge_network_life_addresses")
    assert not Subscriber.objects.exists()


def test_an_editor_without_the_permission_is_told_it_is_the_newsletters(client, django_user_model):
    editor = django_user_model.objects.create_user("redactrice", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("news_export_subscribers"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "exporter les abonnés" in html  # the admin speaks French to an editor who chose nothing
    assert "acteurs" not in html  # it showed the actors' import page before

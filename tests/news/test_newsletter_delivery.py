"""Issue 14's last rules for the newsletter: an issue translated with wagtail-localize reaches
each subscriber in their language (French otherwise); failures are retried later by the timer,
a bounded number of times, and those failed for good are shown; deliveries stuck « being sent »
are shown and sent again once; a batch goes over one connection (core.mail.send_batch)."""

import datetime

import pytest
import time_machine
from django.core.mail.backends.smtp import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.digest import new_issue
from news.models import Delivery, NewsletterIssue, Subscriber
from news.newsletter import MAX_ATTEMPTS, RETRY_AFTER, STUCK_AFTER, start_sending
from tests.factories.news import news_index, news_item

pytestmark = pytest.mark.django_db


def confirmed(email, language="fr"):
    return Subscriber.objects.create(
        email=email, language=language, consent="Oui", confirmed_at=timezone.now()
    )


@pytest.fixture
def issue(home_page, taxonomy, locales):
    news = news_index(home_page)
    news_item(news, title="Une nouvelle de la semaine")
    issue = new_issue("fr")
    issue.subject = "Lettre de décembre"
    issue.introduction = "Bonjour à toutes et à tous."
    issue.save()
    return issue


def recipients(smtp_server):
    return sorted(to for _sender, [to] in smtp_server.envelopes)


# Translated issues ---------------------------------------------------------------------------------


def test_a_translated_issue_reaches_each_subscriber_in_their_language_french_otherwise(
    admin_client, issue, locales, smtp_server
):
    # The editor asks wagtail-localize for the English translation, as from the admin's menu.
    response = admin_client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["news", "newsletterissue", issue.pk]),
        {"locales": [locales["en"].pk]},
    )
    assert response.status_code == 302
    english = NewsletterIssue.objects.get(translation_key=issue.translation_key, locale=locales["en"])
    english.subject = "December newsletter"
    english.introduction = "Hello everyone."
    english.save()
    confirmed("francaise@example.org", "fr")
    confirmed("english@example.org", "en")
    confirmed("deutsch@example.org", "de")  # no German issue: French

    # Sending from the English version sends the whole issue, once.
    admin_client.post(reverse("news_send_issue", args=[english.pk]), {"send": "1"})
    messages = {message["To"]: message for message in smtp_server.wait_for(3)}
    assert messages["english@example.org"]["Subject"] == "December newsletter"
    assert "Hello everyone." in smtp_server.text(messages["english@example.org"])
    assert 'lang="en"' in smtp_server.html(messages["english@example.org"])
    assert messages["francaise@example.org"]["Subject"] == "Lettre de décembre"
    assert messages["deutsch@example.org"]["Subject"] == "Lettre de décembre"
    assert 'lang="fr"' in smtp_server.html(messages["deutsch@example.org"])
    issue.refresh_from_db()
    english.refresh_from_db()
    assert issue.deliveries.count() == 3
    assert not english.deliveries.exists()
    assert issue.status == english.status == NewsletterIssue.Status.SENT

    smtp_server.clear()
    start_sending(english.pk)
    start_sending(issue.pk)
    assert smtp_server.messages == []


# Retries by the timer -------------------------------------------------------------------------------


class FlakyBackend(EmailBackend):
    """Fails for « flaky » addresses on their first attempt, and always for « broken » ones;
    counts the connections it opens."""

    attempts: dict = {}
    connections = 0

    def open(self):
        opened = super().open()
        if opened:
            FlakyBackend.connections += 1
        return opened

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            FlakyBackend.attempts[address] = FlakyBackend.attempts.get(address, 0) + 1
            first = FlakyBackend.attempts[address] == 1
            if address.startswith("broken") or (address.startswith("flaky") and first):
                raise ConnectionError("the server hung up")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.news.test_newsletter_delivery.FlakyBackend"
    FlakyBackend.attempts = {}
    FlakyBackend.connections = 0


def test_a_batch_goes_over_one_connection(issue, smtp_server, flaky):
    for number in range(5):
        confirmed(f"abonne{number}@example.org")
    start_sending(issue.pk)
    assert len(smtp_server.wait_for(5)) == 5
    assert FlakyBackend.connections == 1


def test_a_failure_is_retried_later_by_the_timer_a_bounded_number_of_times(
    admin_client, issue, smtp_server, flaky
):
    for email in ("ok@example.org", "flaky@example.org", "broken@example.org"):
        confirmed(email)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        start_sending(issue.pk)
        # Not at once: the failed ones wait for the timer.
        call_command("run_timers", verbosity=0)
    assert recipients(smtp_server) == ["ok@example.org"]
    deliveries = {d.subscriber.email: d for d in issue.deliveries.select_related("subscriber")}
    assert (deliveries["flaky@example.org"].status, deliveries["flaky@example.org"].attempts) == ("failed", 1)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENDING

    # The timer, once the retry delay has passed, several times: each address tried once more.
    for step in range(1, MAX_ATTEMPTS + 2):
        with time_machine.travel(start + step * (RETRY_AFTER + datetime.timedelta(minutes=1)), tick=False):
            call_command("run_timers", verbosity=0)
            call_command("retry_newsletter_deliveries", verbosity=0)
    assert recipients(smtp_server) == ["flaky@example.org", "ok@example.org"]
    assert FlakyBackend.attempts == {
        "ok@example.org": 1,
        "flaky@example.org": 2,
        "broken@example.org": MAX_ATTEMPTS,
    }
    broken = issue.deliveries.get(subscriber__email="broken@example.org")
    assert (broken.status, broken.attempts) == (Delivery.Status.FAILED, MAX_ATTEMPTS)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT

    # The editor sees which address failed for good, and why.
    page = admin_client.get(reverse("news_send_issue", args=[issue.pk])).text
    section = page.split("data-failed-for-good", 1)[1]
    assert "broken@example.org" in section
    assert "hung up" in section
    assert "flaky@example.org" not in section


# Deliveries stuck « being sent » --------------------------------------------------------------------


def test_deliveries_stuck_being_sent_are_shown_and_sent_again_once(admin_client, issue, smtp_server):
    for email in ("un@example.org", "deux@example.org", "trois@example.org"):
        confirmed(email)
    start_sending(issue.pk)
    smtp_server.wait_for(3)
    smtp_server.clear()
    # A worker claimed two deliveries, then died: they stay « being sent ».
    lost = issue.deliveries.filter(subscriber__email__in=["un@example.org", "deux@example.org"])
    lost.update(status=Delivery.Status.SENDING, attempted_at=timezone.now())
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=NewsletterIssue.Status.SENDING)
    send_page = reverse("news_send_issue", args=[issue.pk])
    assert "data-stuck" not in admin_client.get(send_page).text  # still being sent, perhaps

    with time_machine.travel(timezone.now() + STUCK_AFTER + datetime.timedelta(minutes=5)):
        page = admin_client.get(send_page).text
        assert "data-stuck" in page
        stuck_section = page.split("data-stuck", 1)[1].split("</section>", 1)[0]
        assert "un@example.org" in stuck_section
        assert "deux@example.org" in stuck_section
        assert "trois@example.org" not in stuck_section
        admin_client.post(send_page, {"resend_stuck": "1"})
        admin_client.post(send_page, {"resend_stuck": "1"})  # a second click sends nothing more
        call_command("run_timers", verbosity=0)
    assert recipients(smtp_server) == ["deux@example.org", "un@example.org"]
    assert set(issue.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT

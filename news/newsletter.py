"""Sending the newsletter: in background tasks, in batches, each recipient recorded.

``start_sending`` turns a draft into a send: one ``Delivery`` per confirmed subscriber of the
issue's language (a unique pair, so a second start adds nobody), then a task per batch. A batch
task claims each delivery (waiting or failed, attempts left) in its own transaction before it
talks to the mail server: a delivery being sent or sent is never claimed again, so nobody gets
an issue twice, even if two workers run the same batch. A failure is recorded with its error and
retried by a later task, at most ``MAX_ATTEMPTS`` times in all.
"""

import datetime
import logging

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.models import Site

from core.mail import build_message, render_mail, send_templated_mail
from core.signed_links import make_token

from .models import Delivery, NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 3
RETRY_AFTER = datetime.timedelta(minutes=10)
MAIL_TEMPLATE = "news/mail/newsletter"
UNSUBSCRIBE_PURPOSE = "news.unsubscribe"
# An unsubscribe link works as long as the mail is kept.
UNSUBSCRIBE_LINK_AGE = datetime.timedelta(days=3650)


def site_url(path: str) -> str:
    """A full address on the public site (mails are rendered outside any request)."""
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "").rstrip("/") + path


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = make_token(UNSUBSCRIBE_PURPOSE, {"subscriber": subscriber.pk})
    return site_url(reverse("news:unsubscribe", args=[token]))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: the mail program's own « unsubscribe » button, in one click."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_test(issue: NewsletterIssue, address: str) -> None:
    """The issue as subscribers will get it, to the editor (its unsubscribe link is inert)."""
    context = issue.mail_context(unsubscribe_url=site_url("/"))
    send_templated_mail(MAIL_TEMPLATE, context, [address], language=issue.language)


def start_sending(issue_id: int) -> int:
    """Record a delivery per confirmed subscriber and enqueue the batches; the number added."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue_id)
        if issue.status == NewsletterIssue.Status.SENT:
            return 0
        issue.status = NewsletterIssue.Status.SENDING
        issue.save(update_fields=["status"])
        subscribers = Subscriber.objects.filter(language=issue.language, confirmed_at__isnull=False)
        before = issue.deliveries.count()
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber=subscriber) for subscriber in subscribers],
            ignore_conflicts=True,
        )
        added = issue.deliveries.count() - before
        pending = list(issue.deliveries.filter(status=Delivery.Status.PENDING).values_list("pk", flat=True))
    for start in range(0, len(pending), BATCH_SIZE):
        send_batch.enqueue(issue_id, pending[start : start + BATCH_SIZE])
    finish_if_done(issue_id)
    return added


def claim(delivery_id: int) -> bool:
    """Mark the delivery as being sent, if nobody else did and attempts are left."""
    return bool(
        Delivery.objects.filter(
            pk=delivery_id,
            status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED],
            attempts__lt=MAX_ATTEMPTS,
        ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1)
    )


@task()
def send_batch(issue_id: int, delivery_ids: list[int]) -> int:
    """Send the issue to these deliveries' subscribers over one connection; the number sent."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    items = issue.shown_items()
    sent, failed = 0, []
    connection = get_connection()
    try:
        for delivery in Delivery.objects.filter(pk__in=delivery_ids).select_related("subscriber"):
            if not claim(delivery.pk):
                continue
            url = unsubscribe_url(delivery.subscriber)
            rendered = render_mail(
                MAIL_TEMPLATE, {"issue": issue, "items": items, "unsubscribe_url": url}, issue.language
            )
            message = build_message(
                {
                    **rendered,
                    "from_email": None,
                    "to": [delivery.subscriber.email],
                    "headers": unsubscribe_headers(url),
                }
            )
            message.connection = connection
            try:
                message.send(fail_silently=False)
            except Exception as error:
                logger.warning("newsletter %s: delivery %s failed: %s", issue_id, delivery.pk, error)
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.FAILED, error=str(error)[:500]
                )
                failed.append(delivery.pk)
                connection.close()  # a broken connection is opened again for the next one
            else:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
                )
                sent += 1
    finally:
        connection.close()
    retry = list(
        Delivery.objects.filter(pk__in=failed, attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True)
    )
    if retry:
        later = send_batch
        if default_task_backend.supports_defer:
            later = send_batch.using(run_after=timezone.now() + RETRY_AFTER)
        later.enqueue(issue_id, retry)
    finish_if_done(issue_id)
    return sent


def finish_if_done(issue_id: int) -> None:
    """The issue is sent once no delivery waits, is being sent, or may still be retried."""
    remaining = Delivery.objects.filter(issue_id=issue_id).filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ) | Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
    if not remaining.exists():
        NewsletterIssue.objects.filter(pk=issue_id, status=NewsletterIssue.Status.SENDING).update(
            status=NewsletterIssue.Status.SENT, sent_at=timezone.now()
        )

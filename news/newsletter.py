"""Sending the newsletter: in background tasks, in batches, each recipient recorded.

``start_sending`` turns a draft into a send: one ``Delivery`` per confirmed subscriber (a unique
pair, so a second start adds nobody), then a task per batch. Each subscriber gets the issue in
their language when it is translated into it, in French otherwise. A batch goes through
``core.mail.send_batch`` (one connection, an outcome per recipient). Each delivery is claimed
(waiting or failed, attempts left) in its own statement just before its mail is handed to the
server, and its outcome recorded at once: a delivery being sent or sent is never claimed again,
so nobody gets an issue twice, even if two workers run the same batch.

A failure is recorded with its error and retried by the timer (``manage.py
retry_newsletter_deliveries``, in settings.TIMER_COMMANDS), not at once: after ``RETRY_AFTER``,
at most ``MAX_ATTEMPTS`` times in all; then the address has failed for good, which the send page
lists. A delivery still « being sent » after ``STUCK_AFTER`` was claimed by a worker that died:
the send page lists it, and the editor may send it again (``resend_stuck``); whether that one
mail had left before the crash cannot be known, so it is never sent again without the editor.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.mail import mail_payload, send_batch, send_templated_mail
from core.public_address import public_base_url, public_url
from core.signed_links import make_token

from .models import Delivery, NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 3
RETRY_AFTER = datetime.timedelta(minutes=30)
STUCK_AFTER = datetime.timedelta(hours=1)
MAIL_TEMPLATE = "news/mail/newsletter"
UNSUBSCRIBE_PURPOSE = "news.unsubscribe"
# An unsubscribe link works as long as the mail is kept.
UNSUBSCRIBE_LINK_AGE = datetime.timedelta(days=3650)


def unsubscribe_url(subscriber: Subscriber, base: str | None = None) -> str:
    token = make_token(UNSUBSCRIBE_PURPOSE, {"subscriber": subscriber.pk})
    return public_url(reverse("news:unsubscribe", args=[token]), base)


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: the mail program's own « unsubscribe » button, in one click."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_test(issue: NewsletterIssue, address: str) -> None:
    """The issue as subscribers will get it, to the editor (its unsubscribe link is inert)."""
    context = issue.mail_context(unsubscribe_url=public_url("/"))
    send_templated_mail(MAIL_TEMPLATE, context, [address], language=issue.language)


def _set_status(issue: NewsletterIssue, status, **fields) -> None:
    """The state of a send is every version's (the French issue and its translations)."""
    NewsletterIssue.objects.filter(translation_key=issue.translation_key).update(status=status, **fields)


def start_sending(issue_id: int) -> int:
    """Record a delivery per confirmed subscriber and enqueue the batches; the number added."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue_id).main_version()
        if issue.status == NewsletterIssue.Status.SENT:
            return 0
        _set_status(issue, NewsletterIssue.Status.SENDING)
        subscribers = Subscriber.objects.filter(confirmed_at__isnull=False)
        before = issue.deliveries.count()
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber=subscriber) for subscriber in subscribers],
            ignore_conflicts=True,
        )
        added = issue.deliveries.count() - before
        pending = list(issue.deliveries.filter(status=Delivery.Status.PENDING).values_list("pk", flat=True))
    enqueue_batches(issue.pk, pending)
    finish_if_done(issue.pk)
    return added


def enqueue_batches(issue_id: int, delivery_ids: list[int]) -> None:
    for start in range(0, len(delivery_ids), BATCH_SIZE):
        send_batch_task.enqueue(issue_id, delivery_ids[start : start + BATCH_SIZE])


def claim(delivery_id: int) -> bool:
    """Mark the delivery as being sent, if nobody else did and attempts are left."""
    return bool(
        Delivery.objects.filter(
            pk=delivery_id,
            status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED],
            attempts__lt=MAX_ATTEMPTS,
        ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1, attempted_at=timezone.now())
    )


@task()
def send_batch_task(issue_id: int, delivery_ids: list[int]) -> int:
    """Send the issue to these deliveries' subscribers through core.mail.send_batch (one
    connection), each in their language; the number sent."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    versions = issue.versions()
    items: dict[int, list] = {}  # each version's items, computed once per batch
    base = public_base_url()

    def version_for(subscriber):
        return versions.get(subscriber.language) or versions.get(settings.LANGUAGE_CODE) or issue

    def claimed_mails():
        for delivery in Delivery.objects.filter(pk__in=delivery_ids).select_related("subscriber"):
            if not claim(delivery.pk):
                continue
            version = version_for(delivery.subscriber)
            if version.pk not in items:
                items[version.pk] = version.shown_items()
            url = unsubscribe_url(delivery.subscriber, base)
            context = {"issue": version, "items": items[version.pk], "unsubscribe_url": url}
            yield (
                delivery.pk,
                mail_payload(
                    MAIL_TEMPLATE,
                    context,
                    [delivery.subscriber.email],
                    language=version.language,
                    headers=unsubscribe_headers(url),
                ),
            )

    sent = 0
    for outcome in send_batch(claimed_mails()):
        if outcome.sent:
            Delivery.objects.filter(pk=outcome.ref).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
            )
            sent += 1
        else:
            Delivery.objects.filter(pk=outcome.ref).update(status=Delivery.Status.FAILED, error=outcome.error)
    finish_if_done(issue_id)
    return sent


def retryable(now=None):
    """Failed deliveries with attempts left whose last attempt is old enough to try again."""
    now = now or timezone.now()
    return Delivery.objects.filter(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS).filter(
        Q(attempted_at__lte=now - RETRY_AFTER) | Q(attempted_at__isnull=True)  # null: before the field
    )


def retry_failed(now=None) -> int:
    """What the timer runs: the failed deliveries due for another attempt, in batches; the number
    enqueued. Idempotent: a delivery is claimed before it is sent."""
    by_issue = defaultdict(list)
    for delivery_id, issue_id in retryable(now).values_list("pk", "issue_id").order_by("pk"):
        by_issue[issue_id].append(delivery_id)
    for issue_id, delivery_ids in by_issue.items():
        enqueue_batches(issue_id, delivery_ids)
    return sum(len(ids) for ids in by_issue.values())


def stuck(issue: NewsletterIssue, now=None):
    """Deliveries claimed long ago and never finished: the worker sending them died."""
    now = now or timezone.now()
    return issue.deliveries.filter(status=Delivery.Status.SENDING).filter(
        Q(attempted_at__lt=now - STUCK_AFTER) | Q(attempted_at__isnull=True)  # null: before the field
    )


def failed_for_good(issue: NewsletterIssue):
    return issue.deliveries.filter(status=Delivery.Status.FAILED, attempts__gte=MAX_ATTEMPTS)


def resend_stuck(issue_id: int) -> int:
    """The editor sends the stuck deliveries again: each one is put back to wait once (a second
    click finds none still stuck), then claimed as any other; the number put back."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    with transaction.atomic():
        ids = list(stuck(issue).select_for_update(skip_locked=True).values_list("pk", flat=True))
        # The lost attempt is not counted: it may not have reached the server.
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING, attempts=F("attempts") - 1
        )
    enqueue_batches(issue.pk, ids)
    return len(ids)


def finish_if_done(issue_id: int) -> None:
    """The issue is sent once no delivery waits, is being sent, or may still be retried."""
    remaining = Delivery.objects.filter(issue_id=issue_id).filter(
        Q(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])
        | Q(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
    )
    if not remaining.exists():
        issue = NewsletterIssue.objects.get(pk=issue_id)
        if issue.status == NewsletterIssue.Status.SENDING:
            _set_status(issue, NewsletterIssue.Status.SENT, sent_at=timezone.now())

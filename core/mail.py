"""The one way the site sends a mail: rendered now, delivered by a background task.

``send_templated_mail`` renders ``<template>_subject.txt``, ``<template>.txt`` (both without HTML
escaping) and an HTML part in the language asked for, then enqueues
``deliver_mail`` (a django-tasks task) with a plain JSON payload. Rendering happens in the caller, where the
objects, the request's language and the site's address are at hand; the task only talks to the
mail server, which is the slow and failing part.

Backends (settings.TASKS): ImmediateBackend in the demo and the tests (the mail leaves during
the call); the database backend in production, where ``manage.py db_worker`` delivers it. There
the task row is written in the caller's transaction: a rolled-back registration sends nothing.

``once_key`` makes a send idempotent (reminders, notifications from timer commands): the key
is recorded in ``core.SentMessage`` in the same transaction as the task, and a second call with
the same key sends nothing and returns False. Keys name things by id (``"agenda:reminder:42"``),
never by an address: they outlive the personal data they stand for.

The HTML part: ``html_template`` when given, else ``<template>.html`` when it exists, else none
(text only). Every HTML mail extends ``core/mail/base.html`` (tables and inline styles, readable
without images); ``TEXT_AS_HTML`` (``core/mail/text.html``) shows the text part itself in that
layout, paragraphs and links kept, for mails that need no layout of their own.

``send_batch`` is the one way to send many mails at once (a newsletter): over one connection,
yielding each mail's outcome as soon as it is known, so that the caller records it at once.
"""

import base64
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django_tasks import task

from core.sent_messages import SentMessage

logger = logging.getLogger(__name__)

# The text part shown as HTML in the shared layout (for the mails with no HTML of their own).
TEXT_AS_HTML = "core/mail/text.html"


@dataclass(frozen=True)
class Attachment:
    """A file joined to a mail (an ``.ics`` invitation, an export)."""

    filename: str
    content: bytes | str
    mimetype: str

    def as_payload(self) -> dict:
        content = self.content.encode() if isinstance(self.content, str) else self.content
        return {
            "filename": self.filename,
            "content_base64": base64.b64encode(content).decode("ascii"),
            "mimetype": self.mimetype,
        }


def render_text(template_name: str, context: Mapping) -> str:
    """A plain-text template, without HTML escaping (a « & » in a title stays a « & »)."""
    return get_template(template_name).template.render(Context(dict(context), autoescape=False))


def render_mail(
    template: str, context: Mapping, language: str | None = None, html_template: str | None = None
) -> dict[str, str | None]:
    """The subject (one line), the text part and the HTML part (None without a template)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        # A subject is one line: a template's line breaks would make a header injection error.
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        text = render_text(f"{template}.txt", context)
        # Template.render() marks the text safe: the HTML part must escape it (an asker's words).
        html_context = {**context, "mail_subject": subject, "mail_text": str.__add__("", text)}
        if html_template:
            html = render_to_string(html_template, html_context)
        else:
            try:
                html = render_to_string(f"{template}.html", html_context)
            except TemplateDoesNotExist:
                html = None
    return {"subject": subject, "text": text, "html": html}


def mail_payload(
    template: str,
    context: Mapping,
    to: Iterable[str],
    *,
    language: str | None = None,
    html_template: str | None = None,
    reply_to: Iterable[str] = (),
    headers: Mapping[str, str] | None = None,
    attachments: Iterable[Attachment] = (),
    from_email: str | None = None,
) -> dict:
    """The rendered mail as plain JSON data, what ``deliver_mail`` and ``send_batch`` send."""
    return {
        **render_mail(template, context, language, html_template),
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(to),
        "reply_to": list(reply_to),
        "headers": dict(headers or {}),
        "attachments": [attachment.as_payload() for attachment in attachments],
    }


def send_templated_mail(
    template: str,
    context: Mapping,
    to: Iterable[str],
    *,
    language: str | None = None,
    html_template: str | None = None,
    reply_to: Iterable[str] = (),
    headers: Mapping[str, str] | None = None,
    attachments: Iterable[Attachment] = (),
    from_email: str | None = None,
    once_key: str | None = None,
) -> bool:
    """Render the mail and enqueue its delivery; False (nothing sent) when ``once_key`` was used."""
    payload = mail_payload(
        template,
        context,
        to,
        language=language,
        html_template=html_template,
        reply_to=reply_to,
        headers=headers,
        attachments=attachments,
        from_email=from_email,
    )
    if once_key is None:
        deliver_mail.enqueue(payload)
        return True
    try:
        with transaction.atomic():
            SentMessage.objects.create(key=once_key)
            deliver_mail.enqueue(payload)
    except IntegrityError:
        return False
    return True


def build_message(payload: Mapping) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["text"],
        from_email=payload.get("from_email") or settings.DEFAULT_FROM_EMAIL,
        to=payload["to"],
        reply_to=payload.get("reply_to") or None,
        headers=payload.get("headers") or None,
    )
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    for attachment in payload.get("attachments", ()):
        content = base64.b64decode(attachment["content_base64"])
        if attachment["mimetype"].startswith("text/"):
            content = content.decode()
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


@task()
def deliver_mail(payload: dict) -> int:
    """Hand one rendered mail to the mail server (settings.EMAIL_BACKEND); raises when it fails,
    so that the database backend records the failure."""
    sent = build_message(payload).send(fail_silently=False)
    logger.info("mail %r sent to %d recipient(s)", payload["subject"], len(payload["to"]))
    return sent


@dataclass(frozen=True)
class Outcome:
    """What became of one mail of a batch: ``error`` is empty when the server accepted it."""

    ref: Any
    error: str = ""

    @property
    def sent(self) -> bool:
        return not self.error


def send_batch(mails: Iterable[tuple[Any, Mapping]]) -> Iterator[Outcome]:
    """Send ``(ref, payload)`` pairs over one connection, yielding each one's Outcome as soon as
    the server answered. ``mails`` is read one at a time: a caller may claim a recipient just
    before their mail is sent. A failure closes the connection, which the next mail opens again;
    it never stops the batch."""
    connection = get_connection(fail_silently=False)
    try:
        for ref, payload in mails:
            message = build_message(payload)
            message.connection = connection
            try:
                connection.open()  # does nothing while the connection is open
                message.send(fail_silently=False)
            except Exception as error:
                logger.warning("mail %r to %s failed: %s", payload["subject"], ref, error)
                connection.close()
                yield Outcome(ref, str(error)[:500] or error.__class__.__name__)
            else:
                yield Outcome(ref)
    finally:
        connection.close()

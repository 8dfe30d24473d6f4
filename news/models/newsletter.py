"""The newsletter: an issue written in the admin from a digest of what is new, and its sending.

An issue's items are pages (news, offers, programmes with an open call, replays, trades, and the
agenda's events once wired), each with an optional word from the editor; the editor reorders and
cuts them. Each recipient of a send is a ``Delivery`` row: sent or failed, retried a few times,
and claimed before it is sent so that nobody receives an issue twice.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PreviewableMixin

from core.visibility import visible_ids

from .subscriptions import Subscriber


class PageItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    note = blocks.TextBlock(
        label=_("A word from the editor"), required=False, help_text=_("Optional: shown under the summary.")
    )

    class Meta:
        label = _("Page")
        icon = "doc-full"


class TextItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        label = _("Text")
        icon = "pilcrow"


class IssueItemsBlock(blocks.StreamBlock):
    page = PageItemBlock()
    text = TextItemBlock()


class NewsletterIssue(PreviewableMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=150, help_text=_("The subject of the mail."))
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Sent to the subscribers who chose this language."),
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("A few words at the top."))
    items = StreamField(
        IssueItemsBlock(),
        blank=True,
        verbose_name=_("items"),
        help_text=_("What is new since the last issue: reorder, remove, add a word or a text."),
    )
    since = models.DateTimeField(
        _("new since"), help_text=_("The digest lists what was published after this.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    panels = [FieldPanel("subject"), FieldPanel("language"), FieldPanel("introduction"), FieldPanel("items")]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    def get_preview_template(self, request, mode_name):
        return "news/mail/newsletter.html"

    def get_preview_context(self, request, mode_name):
        return {**self.mail_context(unsubscribe_url="#"), "request": request}

    def shown_items(self):
        """The items as the mail shows them: (kind, title, url, summary, note) for pages still
        visible, (None, heading, "", text, "") for texts; a page unpublished since is left out."""
        page_ids = [
            block.value["page"].pk
            for block in self.items
            if block.block_type == "page" and block.value["page"]
        ]
        shown_ids = visible_ids(Page.objects.filter(pk__in=page_ids)) if page_ids else set()
        pages = Page.objects.filter(pk__in=shown_ids).specific().in_bulk() if shown_ids else {}
        shown = []
        for block in self.items:
            if block.block_type == "text":
                shown.append(MailItem("", block.value["heading"], "", block.value["text"], ""))
                continue
            page = pages.get(block.value["page"].pk) if block.value["page"] else None
            if page is not None:
                summary = getattr(page, "summary", "") or ""
                shown.append(
                    MailItem(
                        str(page.kind_label), page.title, page.get_full_url(), summary, block.value["note"]
                    )
                )
        return shown

    def mail_context(self, unsubscribe_url: str) -> dict:
        return {"issue": self, "items": self.shown_items(), "unsubscribe_url": unsubscribe_url}


@dataclass(frozen=True)
class MailItem:
    kind: str
    title: str
    url: str
    summary: str
    note: str


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber_id} ({self.status})"

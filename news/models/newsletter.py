"""The newsletter: an issue written in the admin from a digest of what is new, and its sending.

An issue's items are pages (news, offers, programmes with an open call, replays, trades, and the
agenda's events once wired), each with an optional word from the editor; the editor reorders and
cuts them. An issue is written in French and translated with wagtail-localize (its subject,
introduction and texts; the pages it lists are shown in the translation's language where they
are translated). One send reaches every confirmed subscriber, each in their language when the
issue has it, in French otherwise. Each recipient of a send is a ``Delivery`` row: sent or
failed, retried by the timer a few times, and claimed before it is sent so that nobody receives
an issue twice.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.translation import shown_pages

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


class NewsletterIssue(TranslatableMixin, PreviewableMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=150, help_text=_("The subject of the mail."))
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

    panels = [FieldPanel("subject"), FieldPanel("introduction"), FieldPanel("items")]
    # What a translator translates; the dates and the state stay the issue's own.
    translatable_fields = [
        TranslatableField("subject"),
        TranslatableField("introduction"),
        TranslatableField("items"),
        SynchronizedField("since"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def language(self) -> str:
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE

    def versions(self) -> dict[str, "NewsletterIssue"]:
        """{language code: this issue in that language}, for every translation saved."""
        translations = NewsletterIssue.objects.filter(translation_key=self.translation_key)
        return {issue.locale.language_code: issue for issue in translations.select_related("locale")}

    def main_version(self) -> "NewsletterIssue":
        """The issue a send starts from and its deliveries belong to: the French version (the
        site's default language) when there is one, else this one."""
        if self.locale_id and self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return self.versions().get(settings.LANGUAGE_CODE, self)

    def get_preview_template(self, request, mode_name):
        return "news/mail/newsletter.html"

    def get_preview_context(self, request, mode_name):
        return {**self.mail_context(unsubscribe_url="#"), "request": request}

    def shown_items(self):
        """The items as the mail shows them: (kind, title, url, summary, note) for pages still
        visible, in the issue's language where they are translated, (None, heading, "", text, "")
        for texts; a page unpublished since is left out."""
        chosen = [block.value["page"] for block in self.items if block.block_type == "page"]
        locale_id = self.locale_id or Locale.get_default().pk
        shown = shown_pages([page for page in chosen if page is not None], locale_id)
        shown_ids = [page.pk for page in shown if page is not None]
        pages = Page.objects.filter(pk__in=shown_ids).specific().in_bulk() if shown_ids else {}
        in_locale = {
            page.pk: pages.get(shown_page.pk)
            for page, shown_page in zip([page for page in chosen if page is not None], shown, strict=True)
            if shown_page is not None
        }
        shown = []
        for block in self.items:
            if block.block_type == "text":
                shown.append(MailItem("", block.value["heading"], "", block.value["text"], ""))
                continue
            page = in_locale.get(block.value["page"].pk) if block.value["page"] else None
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
    attempted_at = models.DateTimeField(
        _("last attempt at"),
        null=True,
        blank=True,
        help_text=_("When it was last handed to the mail server."),
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber_id} ({self.status})"

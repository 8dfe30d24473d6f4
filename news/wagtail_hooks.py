from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import IssueFromDigestView, export_subscribers, send_issue
from .models import CallReminder, NewsletterIssue, Subscriber


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    add_view_class = IssueFromDigestView
    list_display = ["subject", "locale", "status", "sent_at"]
    list_filter = ["status"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "consented_at", "confirmed_at"]
    search_fields = ["email"]
    list_export = ["email", "language", "consented_at", "confirmed_at"]


class CallReminderViewSet(SnippetViewSet):
    model = CallReminder
    icon = "time"
    menu_label = _("Call reminders")
    list_display = ["call", "consented_at", "confirmed_at", "reminded_at"]


class NewsletterGroup(SnippetViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = [NewsletterIssueViewSet, SubscriberViewSet, CallReminderViewSet]


register_snippet(NewsletterGroup)


@hooks.register("register_admin_urls")
def newsletter_urls():
    return [
        path("newsletter/issue/<int:pk>/send/", send_issue, name="news_send_issue"),
        path("newsletter/subscribers.csv", export_subscribers, name="news_export_subscribers"),
    ]


@hooks.register("register_snippet_listing_buttons")
def issue_send_button(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue):
        yield Button(
            _("Test and send"), reverse("news_send_issue", args=[snippet.pk]), icon_name="mail", priority=5
        )

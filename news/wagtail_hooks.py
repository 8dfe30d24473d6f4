import datetime

from django.conf import settings
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.desk import DeskPanel, desk, page_permission

from .admin_views import IssueFromDigestView, export_subscribers, send_issue
from .models import CallReminder, NewsletterIssue, ProgrammeCall, ProgrammePage, Subscriber


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


# --- The editors' desk (core/desk.py) ---------------------------------------------------------

CALL_CLOSING_DAYS = 7


def calls_closing_soon():
    today = timezone.localdate()
    return (
        ProgrammeCall.objects.open(today)
        .filter(
            closes_on__lte=today + datetime.timedelta(days=CALL_CLOSING_DAYS),
            locale__language_code=settings.LANGUAGE_CODE,
            programme__live=True,
        )
        .select_related("programme")
        .order_by("closes_on", "title")
    )


desk.register(
    DeskPanel(
        key="calls-closing",
        title=_("Calls for applications closing soon"),
        description=_(
            "Open calls whose last day comes within a week: relay them, or extend them on the programme page."
        ),
        items=calls_closing_soon,
        permission=page_permission(ProgrammePage, through="programme"),
        label=lambda call: f"{call.programme.title} — {call.title}",
        note=lambda call: _("closes on %(date)s") % {"date": date_format(call.closes_on, "l j F")},
        url_of=lambda call: reverse("wagtailadmin_pages:edit", args=[call.programme_id]),
        order=120,
    )
)

"""What is new since the last issue of the newsletter: the digest an issue starts from.

Sections, in this order: news, the agenda's upcoming events, open calls of the programmes, open
offers, new replays, new trade profiles. Each section is the visible pages of the issue's
language first published after ``since`` (upcoming events, open calls and offers: those still to
come or open today, whenever they were published).
"""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from agenda.models import EventPage
from core.visibility import visible
from knowledge.models import ReplayPage
from trades.models import OpportunityPage, TradeProfilePage

from .models import NewsItemPage, NewsletterIssue, ProgrammeCall, ProgrammePage

# The first issue covers this much of the past.
FIRST_ISSUE_COVERS = datetime.timedelta(days=30)
SECTION_SIZE = 10


def last_issue_date(language: str) -> datetime.datetime:
    last = (
        NewsletterIssue.objects.filter(locale__language_code=language, status=NewsletterIssue.Status.SENT)
        .order_by("-sent_at")
        .first()
    )
    return last.sent_at if last else timezone.now() - FIRST_ISSUE_COVERS


def news_since(locale, since):
    return visible(NewsItemPage.objects, locale).filter(first_published_at__gt=since).order_by("-date")


def upcoming_events(locale, since):
    return visible(EventPage.objects, locale).filter(end__gte=timezone.now()).order_by("start")


def programmes_with_open_calls(locale, since):
    programme_ids = ProgrammeCall.objects.open().values_list("programme_id", flat=True)
    return visible(ProgrammePage.objects, locale).filter(pk__in=programme_ids).order_by("title")


def open_offers(locale, since):
    return (
        visible(OpportunityPage.objects.open(), locale)
        .filter(first_published_at__gt=since)
        .order_by("closing_date")
    )


def new_replays(locale, since):
    return (
        visible(ReplayPage.objects, locale)
        .filter(first_published_at__gt=since)
        .order_by("-first_published_at")
    )


def new_trades(locale, since):
    return visible(TradeProfilePage.objects, locale).filter(first_published_at__gt=since).order_by("title")


SECTIONS = [news_since, upcoming_events, programmes_with_open_calls, open_offers, new_replays, new_trades]


def call_notes(locale) -> dict[int, str]:
    """For each programme with an open call: « Call « … » open until … » (the editor's note)."""
    notes = {}
    for call in ProgrammeCall.objects.open().filter(programme__locale=locale).order_by("closes_on"):
        notes.setdefault(call.programme_id, f"{call.title} : {call.closes_on.strftime('%d/%m/%Y')}")
    return notes


def digest_items(language: str, since: datetime.datetime) -> list[tuple[str, dict]]:
    """The digest as StreamField data for ``NewsletterIssue.items``."""
    locale = Locale.objects.get(language_code=language)
    notes = call_notes(locale)
    items = []
    for section in SECTIONS:
        for page in section(locale, since)[:SECTION_SIZE]:
            items.append(("page", {"page": page, "note": notes.get(page.pk, "")}))
    return items


def new_issue(language: str) -> NewsletterIssue:
    """An unsaved issue holding the digest of what is new since the last one sent."""
    since = last_issue_date(language)
    locale = Locale.objects.get(language_code=language)
    return NewsletterIssue(locale=locale, since=since, items=digest_items(language, since))

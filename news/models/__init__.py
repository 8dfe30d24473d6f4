"""Network life: the news, the support programmes with their calls, the newsletter."""

from .items import NewsIndexPage, NewsItemPage, news_facets
from .newsletter import Delivery, MailItem, NewsletterIssue
from .programmes import (
    REMINDER_DAYS_BEFORE_CLOSING,
    ProgrammeCall,
    ProgrammeIndexPage,
    ProgrammePage,
)
from .subscriptions import UNCONFIRMED_KEPT_FOR, CallReminder, Subscriber

__all__ = [
    "REMINDER_DAYS_BEFORE_CLOSING",
    "UNCONFIRMED_KEPT_FOR",
    "CallReminder",
    "Delivery",
    "MailItem",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsletterIssue",
    "ProgrammeCall",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "Subscriber",
    "news_facets",
]

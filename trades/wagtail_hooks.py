"""The trades' panels on the editors' desk (core/desk.py)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.desk import DeskPanel, desk, page_permission
from core.reviews import review_panel

from .bulk import OfferExchange, TradeExchange
from .models import OpportunityPage, TradeProfilePage

CLOSING_SOON_DAYS = 7


def offers_closing_soon():
    today = timezone.localdate()
    return (
        OpportunityPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(closing_date__gte=today, closing_date__lte=today + datetime.timedelta(days=CLOSING_SOON_DAYS))
        .order_by("closing_date", "title")
    )


desk.register(
    DeskPanel(
        key="offers-closing",
        title=_("Offers closing within 7 days"),
        description=_(
            "Published offers whose closing date comes within a week: extend them or let them close."
        ),
        items=offers_closing_soon,
        permission=page_permission(OpportunityPage),
        note=lambda offer: _("closes on %(date)s") % {"date": date_format(offer.closing_date, "l j F")},
        order=110,
    )
)
desk.register(
    review_panel(TradeProfilePage, key="trades-review", title=_("Trade profiles to review"), order=210)
)


# --- Trade profiles and offers in bulk (trades/bulk.py, core/exchange/) ----------------------


@hooks.register("register_page_exchange")
def register_trade_exchange():
    return TradeExchange()


@hooks.register("register_page_exchange")
def register_offer_exchange():
    return OfferExchange()

from wagtail import hooks

from .bulk import OfferExchange, TradeExchange


@hooks.register("register_page_exchange")
def register_trade_exchange():
    return TradeExchange()


@hooks.register("register_page_exchange")
def register_offer_exchange():
    return OfferExchange()

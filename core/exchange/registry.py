"""The page types whose pages can be imported and exported in bulk.

An app offers one with Wagtail's hook registry, from its ``wagtail_hooks.py``::

    @hooks.register("register_page_exchange")
    def register_trade_exchange():
        return TradeExchange()

The admin pages (core/exchange/admin.py) and the ``exchange_pages`` command list them from here.
"""

from wagtail import hooks

HOOK = "register_page_exchange"


def exchanges() -> dict:
    """Every registered exchange by its name, in the order of registration."""
    found = {}
    for hook in hooks.get_hooks(HOOK):
        exchange = hook()
        found[exchange.name] = exchange
    return found


def exchange_named(name: str):
    return exchanges().get(name)

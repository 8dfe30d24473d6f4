"""The client's address, the one rule every rate limit counts by (django-axes for the logins,
core.page_password for the page passwords).

A forwarded address (X-Forwarded-For) is trusted only from the proxies the deployment names,
in settings.TRUSTED_PROXIES (their addresses or networks) or settings.TRUSTED_PROXY_COUNT (how
many proxies stand in front of the app). With neither, the default, no proxy is trusted and the
address is the connection's (REMOTE_ADDR): a client that reaches the app cannot choose it.

Each proxy appends the address it received the request from, so the chain X-Forwarded-For +
REMOTE_ADDR reads client first, nearest proxy last; a client can only add entries on the left.
We take the entry just left of the trusted proxies. django-ipware (what axes reads by default)
does not fit: it checks its proxy list against X-Forwarded-For alone, never against REMOTE_ADDR,
the one address a client cannot forge.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:1.2.3.4) is the IPv4 client.
    return getattr(address, "ipv4_mapped", None) or address


def address_chain(request: HttpRequest) -> list[Address | None]:
    """X-Forwarded-For's entries then REMOTE_ADDR; None for an entry that is not an address."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    return [parse_address(entry) for entry in entries] + [parse_address(request.META.get("REMOTE_ADDR", ""))]


def is_trusted_proxy(address: Address | None) -> bool:
    return address is not None and any(
        address in ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES
    )


def client_address(request: HttpRequest) -> str | None:
    chain = address_chain(request)
    if settings.TRUSTED_PROXIES:
        position = len(chain) - 1
        while position > 0 and is_trusted_proxy(chain[position]):
            position -= 1
    else:
        # Fewer entries than proxies: the request came through fewer hops; take the farthest.
        position = max(len(chain) - 1 - settings.TRUSTED_PROXY_COUNT, 0)
    # An entry that is not an address (written by whoever was left of a proxy) tells nothing:
    # the nearest address right of it is the one vouched for.
    while position < len(chain) - 1 and chain[position] is None:
        position += 1
    address = chain[position]
    return str(address) if address is not None else None

"""The site's public address: the one base every absolute link in a mail or a feed starts from.

Links are built the same way in a request and in a timer command (``manage.py run_timers``),
where no request tells the host: from the default Wagtail Site (its hostname and port, which
editors set in Settings > Sites, as Wagtail does for every page's full URL), or, when there is
no Site yet, from settings.WAGTAILADMIN_BASE_URL. A request's own Host header is never used: a
mail sent from a request and one sent by the timer carry the same link.

    public_url(reverse("news:unsubscribe", args=[token]))  # "https://patrimoine.example.org/..."

The address is kept in the Django cache (a feed writes it once per event, a batch once per mail)
and forgotten whenever the content generation changes (``core.generation.content_changed``: a
Site saved or deleted, and any page); at most ``REMEMBERED_FOR`` in another process without a
shared cache.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Site

CACHE_KEY = "core.public_address.base_url"
REMEMBERED_FOR = 300  # seconds


def public_base_url() -> str:
    """The scheme and host of the public site, without a trailing slash."""
    base = cache.get(CACHE_KEY)
    if base is None:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
        base = (site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        cache.set(CACHE_KEY, base, REMEMBERED_FOR)
    return base


def forget() -> None:
    """The sites may have changed: read the address afresh, now and once the change commits."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def public_url(path: str, base: str | None = None) -> str:
    """``path`` (absolute, from reverse() or a page's url) on the public site; pass ``base`` to
    build many links with a single look-up."""
    return (base if base is not None else public_base_url()) + path


def public_host() -> str:
    """The public site's host name alone (without port), e.g. for iCalendar UIDs."""
    return urlsplit(public_base_url()).hostname or "localhost"

"""The page cache: whole responses kept for anonymous visitors, shared by every app server.

A public GET answer (a page, a listing, a feed, the search page, a JSON API) is kept in the
Django cache (``PAGE_CACHE_ALIAS``: Redis when ``REDIS_URL`` is set, local memory otherwise)
under a key made of the site, the scheme and host, the language, the path, the query string
(its parameters sorted by name) and the content generation token (``core.generation``). A
publish, an unpublish, a move, a taxonomy or settings change gives a new token: the next request
of every server misses and renders afresh, with no purge.

What changes with time alone declares when: a page type's ``cache_expires_at()`` (an offer, the
moment it closes), and the code that lists pages calls ``expires_no_later_than(request, moment)``
with the earliest such moment among what it shows (``next_moment`` helps). An entry lives until
that moment at the latest, and ``PAGE_CACHE_SECONDS`` at most.

Never cached: a request with a cookie other than the CSRF one (a logged-in editor, a visitor who
entered a page password or has a message waiting), the admin and previews (under the admin's
address), documents, methods other than GET and HEAD, a response other than 200, one that sets a
cookie, used a CSRF token (a form), varies on something else than the language, or says
``private``/``no-store``/``no-cache`` itself.

Every cacheable answer carries an ETag (a 304 answers a matching ``If-None-Match``) and a
``Cache-Control`` that lets a CDN keep it ``PAGE_CACHE_CDN_SECONDS`` (``s-maxage``), never past its
expiry; browsers revalidate each time (``max-age=0``).
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_path

from .chrome import find_site
from .generation import current_generation

CACHED_METHODS = ("GET", "HEAD")
# Headers an entry keeps: the rest (CSP, security headers) are added again on the way out by the
# middleware in front of this one.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Link",
    "Last-Modified",
    "X-Frame-Options",
    # A CDN must see the same Vary on a served copy as on the first answer (Cookie among them).
    "Vary",
)
# Attributes a view sets on its response for the CSP middleware (a player's origin, after the
# visitor asked for it): kept with the entry, so a served copy gets the same policy.
KEPT_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_exempt")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Past this length a query string is not cached: no normal link is that long.
MAX_QUERY_STRING = 2048
EXPIRY_ATTRIBUTE = "_page_cache_expires_at"


def expires_no_later_than(request, moment: datetime | None) -> None:
    """The response to ``request`` may be kept until ``moment`` at the latest (None: no limit).
    Called by what shows something that changes with time alone (an offer's closing)."""
    if request is None or moment is None:
        return
    current = getattr(request, EXPIRY_ATTRIBUTE, None)
    if current is None or moment < current:
        setattr(request, EXPIRY_ATTRIBUTE, moment)


def start_of_day_after(day: date) -> datetime:
    """Midnight after ``day`` in the site's time zone: when a thing "open until ``day``" closes."""
    midnight = datetime.min.time()
    return datetime.combine(day + timedelta(days=1), midnight, tzinfo=timezone.get_current_timezone())


def next_moment(moments) -> datetime | None:
    """The earliest of ``moments`` still to come (None ignored), or None."""
    now = timezone.now()
    upcoming = [moment for moment in moments if moment is not None and moment > now]
    return min(upcoming, default=None)


def expires_with(request, pages) -> None:
    """The response may be kept until the first of ``pages`` changes with time."""
    expires_no_later_than(request, next_moment(page.cache_expires_at() for page in pages))


@dataclass
class CachedResponse:
    status: int
    content: bytes
    headers: list[tuple[str, str]]
    attributes: dict
    etag: str
    expires_at: float | None  # a Unix time, or None: the backend's timeout alone ends it

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        for name, value in self.attributes.items():
            setattr(response, name, value)
        response["ETag"] = self.etag
        return response


def normalised_query(request) -> str:
    """The query string with its parameters sorted by name (the values of one name keep their
    order: it may matter to the view)."""
    pairs = [(name, value) for name, values in request.GET.lists() for value in values]
    pairs.sort(key=lambda pair: pair[0])
    return "&".join(f"{name}={value}" for name, value in pairs)


def address_language(request) -> str:
    """The language an address is served in: its prefix (``/en/``), else the default one. The
    site's patterns do not prefix the default language (``prefix_default_language=False``), so
    Django's locale middleware, below this one, chooses the same, never from a header."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def cache_key(request) -> str:
    site = find_site(request)
    parts = (
        current_generation(request),
        str(site.pk if site else ""),
        request.scheme,
        request.get_host(),
        address_language(request),
        request.path,
        normalised_query(request),
    )
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"page:{digest}"


def etag_of(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


class PageCacheMiddleware:
    """Serves and stores the anonymous visitors' answers (see the module's docstring). Placed
    before the session and locale middleware (a hit needs neither: the language comes from the
    address), the CSRF middleware (whose cookie it sees) and the views."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped_prefixes = None
        self.generation_stored = ""

    def _forget_older_generations(self, cache, request) -> None:
        """Empties a cache in this process's memory when the generation changes: no key of an
        older one can be asked again, and its entries would stay until culled (thousands of
        pages a worker). Redis lets them expire, in a memory of its own."""
        generation = current_generation(request)
        if generation != self.generation_stored:
            if isinstance(cache, LocMemCache):
                cache.clear()
            self.generation_stored = generation

    def _skipped(self, request) -> bool:
        if self.skipped_prefixes is None:
            self.skipped_prefixes = (reverse("wagtailadmin_home"), "/documents/", "/_util/")
        if not settings.PAGE_CACHE_ENABLED or request.method not in CACHED_METHODS:
            return True
        if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
            return True
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return True
        path = request.path_info
        return any(path.startswith(prefix) for prefix in self.skipped_prefixes) or "/_util/" in path

    def __call__(self, request):
        if self._skipped(request):
            response = self.get_response(request)
            if request.COOKIES and not response.has_header("Cache-Control"):
                # Perhaps an editor's page: no shared cache (a CDN) may keep it.
                patch_cache_control(response, private=True)
            return response

        cache = caches[settings.PAGE_CACHE_ALIAS]
        self._forget_older_generations(cache, request)
        key = cache_key(request)
        entry = cache.get(key)
        if entry is not None and (entry.expires_at is None or entry.expires_at > time.time()):
            response = entry.response()
            self._set_cache_control(response, entry.expires_at)
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=entry.etag, response=response)

        response = self.get_response(request)
        if request.method != "GET" or not self._cacheable(request, response):
            return response
        expires_at = getattr(request, EXPIRY_ATTRIBUTE, None)
        expires_at = expires_at.timestamp() if expires_at is not None else None
        seconds = settings.PAGE_CACHE_SECONDS
        if expires_at is not None:
            seconds = min(seconds, int(expires_at - time.time()))
        if seconds <= 0:
            return response
        content = response.content
        etag = etag_of(content)
        entry = CachedResponse(
            status=response.status_code,
            content=content,
            headers=[(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)],
            attributes={name: getattr(response, name) for name in KEPT_ATTRIBUTES if hasattr(response, name)},
            etag=etag,
            expires_at=expires_at,
        )
        cache.set(key, entry, seconds)
        response["ETag"] = etag
        response["X-Page-Cache"] = "miss"
        self._set_cache_control(response, expires_at)
        return get_conditional_response(request, etag=etag, response=response)

    @staticmethod
    def _cacheable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False  # a form: its token is the visitor's own
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False  # a session changed (its cookie is set, or will be)
        control = response.get("Cache-Control", "").lower()
        if any(directive in control for directive in UNCACHEABLE_DIRECTIVES):
            return False
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
        # Cookie: the request had none (or only the CSRF one), so the answer is the anonymous one.
        return vary <= {"accept-language", "cookie", "accept-encoding"}

    @staticmethod
    def _set_cache_control(response, expires_at: float | None) -> None:
        shared_seconds = settings.PAGE_CACHE_CDN_SECONDS
        if expires_at is not None:
            shared_seconds = max(0, min(shared_seconds, int(expires_at - time.time())))
        patch_cache_control(response, public=True, max_age=0, s_maxage=shared_seconds)

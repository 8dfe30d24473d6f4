"""What a page shows of other pages, kept by each process until content changes.

A trade page lists its know-how, labels, offers, replays and the actors who teach or practise
it; a label page its trades; and so on. Those lists derive only from published content: any
change that could alter them (a page saved, published, unpublished, moved or deleted, a view
restriction, a taxonomy term) gives the content generation a new token (``core.generation``).
So each process computes a page's lists once per token (``page_remembered``) instead of once
per request: building their SQL (visibility ``EXISTS`` conditions, translation matches) cost
more than the queries themselves.

What changes with time alone is never decided when the list is kept: the list keeps every
candidate, and ``shown_now`` leaves out at request time those whose ``shown_until()`` has
passed (an offer after its closing day), from their stored dates, as the search snapshot does.
It also tells the page cache when the next one leaves.

Previews are computed afresh every time: their links are the editor's unsaved ones.
``PAGE_MEMORY=off`` (the setting ``PAGE_MEMORY_ENABLED``) computes everything on every request,
to measure what the memory saves.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from .chrome import find_site, remembered
from .generation import GenerationMemory
from .pagecache import expires_no_later_than

# Rendered HTML is larger than lists: its own store, emptied past this many entries (a few
# fragments a page, a few kilobytes each).
MAX_HTML_FRAGMENTS = 3_000
_html = GenerationMemory(MAX_HTML_FRAGMENTS)


def _computed_each_time(request, page) -> bool:
    return (
        request is None
        or (page is not None and page.pk is None)
        or getattr(request, "is_preview", False)
        or not settings.PAGE_MEMORY_ENABLED
    )


def page_remembered(request, page, name: str, compute):
    """``compute()``, the ``name`` list (or any value) of ``page`` as published, kept by this
    process until the content generation changes. Computed afresh without a request, for a
    preview and for a page not saved yet. The value is shared by every request: treat it as
    read-only."""
    if _computed_each_time(request, page):
        return compute()
    return remembered(request, ("page_memory", page.pk, name), compute)


def remembered_html(request, page, name: str, render) -> str:
    """``render()``, HTML of ``page`` as published (``{% remember %}``), kept by this process until
    the content generation changes, per language and site (addresses depend on the site).
    ``page`` None: HTML that no page's content changes (the footer; a view's header), kept once
    per language and site."""
    if _computed_each_time(request, page):
        return render()
    site = find_site(request)
    key = (page.pk if page is not None else None, name, get_language(), site.pk if site else None)
    return _html.get(request, key, render)


def shown_now(request, items) -> list:
    """``items`` (pages) without those whose ``shown_until()`` has passed, in the same order;
    the response to ``request`` is kept by the page cache no later than the first of them to
    leave."""
    now = timezone.now()
    kept, next_leaving = [], None
    for item in items:
        until = item.shown_until() if hasattr(item, "shown_until") else None
        if until is not None:
            if until <= now:
                continue
            if next_leaving is None or until < next_leaving:
                next_leaving = until
        kept.append(item)
    expires_no_later_than(request, next_leaving)
    return kept

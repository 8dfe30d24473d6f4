"""Wagtail's page serving, with the route of an address remembered by each process.

Wagtail finds the page of an address by walking the tree: the site's root in the active
language, then for each part of the path its child and that child's specific page (two queries
a level), and then the view restrictions of the page and its ancestors. Which page an address
leads to changes only when pages are saved, moved or deleted, and restrictions only when a
restriction changes: each of those gives the content generation a new token, so both are kept
per process under it (``core.chrome.remembered``), and so is the page itself (a copy for each
request): a remembered address costs no query but the generation token.
"""

import copy

from django.apps import apps
from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from .chrome import find_site, remembered
from .generation import GenerationMemory
from .pictures import has_picture_field

# The pages themselves, kept for the current generation only: at most this many (a page with
# its parsed content weighs tens of kilobytes), the memory emptied past it.
MAX_PAGES = 1_000
_pages = GenerationMemory(MAX_PAGES)


def _locate(request, site, path_components):
    """(model label, page id, components left to the page's own routes), or None (no page).

    Wagtail's ``route`` reads two rows a level (the child by its slug, then its specific page);
    here the pages whose address starts the path come in one query (an address is the parent's
    plus the slug), and a page type with a ``route`` of its own (a ``RoutablePageMixin`` page)
    answers the rest of the path itself, as under Wagtail."""
    root = site.root_page.localized
    starts = [
        "".join([root.url_path, *(f"{part}/" for part in path_components[:count])])
        for count in range(1, len(path_components) + 1)
    ]
    by_address = {}
    if starts:
        under_root = Page.objects.filter(path__startswith=root.path, url_path__in=starts)
        by_address = {page.url_path: page for page in under_root}
    page = root
    for count in range(len(path_components) + 1):
        model = page.specific_class
        if model is None:
            return None
        if model.route is not Page.route:
            try:
                found = page.specific.route(request, list(path_components[count:])).page
            except Http404:
                return None
            consumed = found.depth - root.depth
            return found._meta.label, found.pk, tuple(path_components[consumed:])
        if count == len(path_components):
            break
        page = by_address.get(starts[count])
        if page is None:
            return None
    if not page.live:
        return None  # as Wagtail: a page that is not live is not served (its children may be)
    return model._meta.label, page.pk, ()


def _load(model, pk):
    pages = model.objects.filter(pk=pk)
    # What the page type's template reads of its relations, in the same query (or one a relation).
    if select := getattr(model, "serve_select_related", ()):
        pages = pages.select_related(*select)
    if prefetch := getattr(model, "serve_prefetch_related", ()):
        pages = pages.prefetch_related(*prefetch)
    if has_picture_field(model):
        # The header picture, in the same query; its renditions come from Wagtail's rendition
        # cache (the default cache), and from the database only when that has lost them.
        pages = pages.select_related("image")
    return pages.first()


def _page(request, model, pk):
    """The live page ``pk``: a copy of the one this process keeps under the generation token
    (``PAGE_MEMORY=off``: read each time). Each request gets its own copy, so what a request
    sets on its page stays its own; the copies share the parsed StreamField content."""
    if not settings.PAGE_MEMORY_ENABLED:
        return _load(model, pk)
    page = _pages.get(request, (pk,), lambda: _load(model, pk), keep_none=False)
    return copy.copy(page) if page is not None else None


def route_for_request(request, path):
    """The Wagtail route of ``path`` (as ``Page.route_for_request`` gives it), from the
    remembered page id: one query for the page instead of two a level."""
    site = find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    key = ("route", site.pk, get_language(), tuple(components))
    located = remembered(request, key, lambda: _locate(request, site, components), keep_none=False)
    if located is None:
        return None
    label, pk, remaining = located
    page = _page(request, apps.get_model(label), pk)
    if page is None:
        return None
    try:
        result = page.route(request, list(remaining))
    except Http404:
        return None
    page.remembered_view_restrictions = remembered(
        request, ("view_restrictions", pk), lambda: list(page.get_view_restrictions())
    )
    return result


def serve(request, path):
    """Wagtail's ``serve`` with the route found by ``route_for_request``."""
    if not hasattr(request, "_wagtail_route_for_request"):  # where Wagtail keeps a request's route
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_serve(request, path)

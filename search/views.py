"""The search page, its JSON twin, autocomplete and the RSS feed: all read ``search.service``."""

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.chrome import active_locale, find_site, remembered
from core.listings import index_page_models
from core.visibility import visible

from .report import count_search
from .service import SORTS, autocomplete, run_search

FEED_SIZE = 30


def _index_links(request):
    """Links to the index pages of the visitor's language (shown when nothing matches)."""
    locale = active_locale(request)

    def find():
        pages = visible(Page.objects, locale).type(*index_page_models()).order_by("path")
        return [(page.title, page.get_url(request)) for page in pages]

    site = find_site(request)
    return remembered(request, ("index_links", site.pk if site else None, locale.pk), find)


@require_safe
def search_page(request):
    outcome = run_search(request, request.GET)
    if outcome.query and outcome.page_number == 1 and "page" not in request.GET:
        # Counted once per search typed (not per page of it, nor per feed or API call), and
        # without anything about who searched.
        count_search(outcome.query, found=bool(outcome.count or outcome.picks))
    # The page's address, reversed once: the form, the facets and every link of the page follow it.
    search_path = reverse("search")
    clear_filters_url = search_path  # removing every filter keeps the words searched
    if outcome.query:
        clear_filters_url += "?" + urlencode({"q": outcome.query})
    context = {
        "outcome": outcome,
        "search_path": search_path,
        "sorts": SORTS,
        "index_links": _index_links(request) if outcome.count == 0 else [],
        "rss_url": reverse("search_feed") + outcome.url(),
        "clear_filters_url": clear_filters_url,
        "previous_url": outcome.page_url(outcome.page_number - 1) if outcome.page_number > 1 else None,
        "next_url": outcome.page_url(outcome.page_number + 1)
        if outcome.page_number < outcome.page_count
        else None,
    }
    return render(request, "search/search_page.html", context)


def _result_json(result):
    return {"title": result.title, "url": result.url, "kind": result.kind, "summary": result.summary}


@require_safe
def search_api(request):
    outcome = run_search(request, request.GET, facet_values_shown=None)
    return JsonResponse(
        {
            "count": outcome.count,
            "page": outcome.page_number,
            "pages": outcome.page_count,
            "query": outcome.query,
            "results": [
                *({**_result_json(result), "editors_pick": True} for result in outcome.picks),
                *(_result_json(result) for result in outcome.results),
            ],
            "facets": {
                facet.name: [
                    {
                        "value": option.value,
                        "label": option.label,
                        "count": option.count,
                        "selected": option.selected,
                    }
                    for option in facet.options
                ]
                for facet in outcome.facets
            },
            "ignored": [{"facet": facet, "value": value} for facet, value in outcome.faceted.unknown],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def autocomplete_api(request):
    suggestions = autocomplete(request, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "title": result.title,
                    "url": result.url,
                    "kind": result.kind,
                    "kind_label": result.kind_label,
                }
                for result in suggestions
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


class SearchFeed(Feed):
    """Any search as RSS, newest first: ``/recherche/rss/?kind=opportunity&department=sarthe``."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        params = request.GET.copy()
        params.setlist("sort", ["date"])
        params.pop("page", None)
        self.request = request
        return run_search(request, params, page_size=FEED_SIZE)

    def title(self, outcome):
        parts = [outcome.query] if outcome.query else []
        parts += [f"{facet} : {value}" for facet, value, _url in outcome.chips]
        base = _("Heritage resource centre")
        return f"{base} · {', '.join(parts)}" if parts else f"{base} · {_('Latest content')}"

    def link(self, outcome):
        return reverse("search") + outcome.url()

    def description(self, outcome):
        return _("New content matching this search.")

    def items(self, outcome):
        return outcome.results

    def item_title(self, result):
        return result.title

    def item_description(self, result):
        return result.summary

    def item_link(self, result):
        return result.url

    def item_pubdate(self, result):
        return result.published_at

    def item_categories(self, result):
        return [result.kind_label]

"""The news index, or any filter of it, as RSS 2.0 and Atom 1.0 (Django's syndication framework).

``/actualites/rss/?theme=formation&scope=national`` follows what ``/actualites/?theme=…`` lists.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import NewsIndexPage

FEED_SIZE = 30


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        chips = index.faceted(self.request).chips()
        if not chips:
            return index.title
        return f"{index.title} · " + ", ".join(f"{facet} : {value}" for facet, value, _url in chips)

    def link(self, index):
        query = index.faceted(self.request).url()
        return index.full_url + ("" if query == "?" else query)

    def description(self, index):
        return index.summary or _("The latest news of the heritage network.")

    def feed_url(self, index):
        return self.request.build_absolute_uri()

    def items(self, index):
        return index.listing_page(self.request).paginator.object_list[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if item.is_watch:
            return _("%(summary)s (source: %(source)s)") % {
                "summary": item.summary,
                "source": item.source_name,
            }
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(8, 0))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        categories = [str(item.get_kind_display()), str(item.get_scope_display())]
        if item.theme_id:
            categories.append(item.theme.name)
        if item.department_id:
            categories.append(item.department.name)
        return categories


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


_rss, _atom = NewsFeed(), NewsAtomFeed()
NewsIndexPage.register_route_responses(
    rss=lambda index, request: _rss(request, index=index),
    atom=lambda index, request: _atom(request, index=index),
)

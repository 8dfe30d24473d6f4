"""Index pages: their visible children in their locale, a page at a time, in constant queries.

An index page mixes in ``ListingIndexMixin``; its template extends ``core/index_listing.html`` and
fills the ``card`` block (and the headings) for one item.
"""

from django.apps import apps
from django.core.paginator import Paginator

from .pagecache import expires_no_later_than
from .pictures import attach_pictures
from .structured_data import collection_page
from .visibility import visible

LISTING_PAGE_SIZE = 24


class ListingIndexMixin:
    listing_page_size = LISTING_PAGE_SIZE
    listing_order: tuple[str, ...] = ("title",)
    listing_select_related: tuple[str, ...] = ()
    listing_prefetch_related: tuple[str, ...] = ()

    def listing_queryset(self):
        """The children to list: the first subpage type's visible pages below this index. Index
        pages that list by another rule (open offers only) narrow it."""
        model = self.listing_model()
        queryset = visible(model.objects.child_of(self), self.locale_id)
        if self.listing_select_related:
            queryset = queryset.select_related(*self.listing_select_related)
        if self.listing_prefetch_related:
            queryset = queryset.prefetch_related(*self.listing_prefetch_related)
        return queryset.order_by(*self.listing_order)

    def listing_page(self, request):
        """The page of the listing the request asks for (``?page=``), computed once per request."""
        number = request.GET.get("page") if request is not None else None
        cache = self.__dict__.setdefault("_listing_pages", {})
        if number not in cache:
            cache[number] = Paginator(self.listing_queryset(), self.listing_page_size).get_page(number)
        return cache[number]

    def listing_model(self):
        child_model = self.specific_class.subpage_types[0]
        return child_model if isinstance(child_model, type) else self._meta.apps.get_model(child_model)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Any page of the listing shifts when one of its items leaves it with time (an offer
        # closing): the earliest such moment among all of them.
        expires_no_later_than(request, self.listing_model().cache_expiry_of(self.listing_queryset()))
        page_obj = self.listing_page(request)
        context.update(page_obj=page_obj, items=attach_pictures(page_obj))
        return context

    def json_ld(self, request=None):
        return collection_page(self, request, self.listing_page(request))


def index_page_models() -> list:
    """Every page type that is an index (a listing of pages of one kind)."""
    return [model for model in apps.get_models() if issubclass(model, ListingIndexMixin)]

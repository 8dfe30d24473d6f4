from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.translation import real_translations


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; this one adds the root's translations.

    A translation still waiting for its strings (its text is the source's) is not listed: the
    sitemap names the pages that exist in each language.

    The pages are read as plain ``Page`` rows (address and dates, all the sitemap shows): reading
    each type's own table cost one query a page type (34 queries in all on the demo) and half the
    sitemap's time. A page type that
    needs its own ``get_sitemap_urls`` would have to be read specifically here; none does."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        pages = Page.objects.filter(in_any_tree).live().public()
        return real_translations(pages).order_by("path")

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; this one adds the root's translations."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.filter(in_any_tree).live().public().order_by("path").defer_streamfields().specific()
        )

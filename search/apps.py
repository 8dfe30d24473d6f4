from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import indexing, registry  # noqa: F401  (registry: its system check)

        page_published.connect(indexing.on_page_published, dispatch_uid="search_page_published")
        page_unpublished.connect(indexing.on_page_unpublished, dispatch_uid="search_page_unpublished")

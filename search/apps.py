from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .indexing import on_page_published, on_page_unpublished

        page_published.connect(on_page_published, dispatch_uid="search_page_published")
        page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")

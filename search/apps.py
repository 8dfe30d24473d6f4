from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import indexing

        page_published.connect(indexing.on_page_published, dispatch_uid="search_page_published")
        page_unpublished.connect(indexing.on_page_unpublished, dispatch_uid="search_page_unpublished")
        post_page_move.connect(indexing.on_content_changed, dispatch_uid="search_page_moved")
        # Any model: the handler keeps to pages, view restrictions, sites and taxonomy terms.
        post_save.connect(indexing.on_model_changed, dispatch_uid="search_model_saved")
        post_delete.connect(indexing.on_model_changed, dispatch_uid="search_model_deleted")

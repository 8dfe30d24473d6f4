from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion
        from wagtail.signals import page_published, page_unpublished

        from . import indexing, registry  # noqa: F401  (registry: its system check)

        page_published.connect(indexing.on_page_published, dispatch_uid="search_page_published")
        page_unpublished.connect(indexing.on_page_unpublished, dispatch_uid="search_page_unpublished")
        # Editors' picks live in the snapshots: a pick (or its query) changed renews them.
        for model in (SearchPromotion, Query):
            for signal in (post_save, post_delete):
                signal.connect(
                    indexing.on_picks_changed,
                    sender=model,
                    dispatch_uid=f"search_picks_{model.__name__}_{id(signal)}",
                )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Network life: news, programmes, newsletter")

    def ready(self):
        # The feeds register themselves on the index page (they import its model).
        from . import feeds  # noqa: F401

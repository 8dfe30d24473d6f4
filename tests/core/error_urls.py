"""The site's URLs plus a view that fails, to see the 500 page as a visitor does."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def failing_view(request):
    raise RuntimeError("the database went away")


urlpatterns = i18n_patterns(path("panne/", failing_view), prefix_default_language=False) + site_urlpatterns

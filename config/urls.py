from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from actors.views import actors_geojson
from agenda.views import cancel_registration
from core import page_password, routing
from core.sharing import share_on_mastodon
from home.sitemaps import MultilingualSitemap
from home.views import robots_txt
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/actors.geojson", actors_geojson, name="actors_geojson"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# App URLs that live under the language prefix are added here by each app, before Wagtail's
# catch-all page serving. French has no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search_page, name="search"),
    path(_("search/rss/"), search_views.SearchFeed(), name="search_feed"),
    path(_("share/mastodon/"), share_on_mastodon, name="share_mastodon"),
    path("", include("news.urls")),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/autocomplete/", search_views.autocomplete_api, name="search_autocomplete"),
    path("", include("questions.urls")),
    path("", include("forum.urls")),
    # The cancel link of a registration mail (agenda.registrations): a signed token.
    path("agenda/cancel/<str:token>/", cancel_registration, name="agenda_cancel"),
    # Wagtail's page-password form with the logins' lockout: before Wagtail's own route.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's page serving, with each address's route remembered per process (core/routing.py).
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Error pages in the visitor's language; the 500 page needs neither database nor context.
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"

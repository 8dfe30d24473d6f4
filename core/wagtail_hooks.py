"""The admin's pages that core serves for every app: the editors' desk (core/desk.py: its panels
on the admin's home page and its full lists; the apps register their panels in their own
wagtail_hooks.py) and the bulk import and export of pages (core/exchange/)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .desk import DeskListingView, add_desk_panels
from .exchange.admin import ExchangeIndexView, ExportView, ImportView, allowed


@hooks.register("construct_homepage_panels")
def desk_panels(request, panels):
    add_desk_panels(request, panels)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("desk/<slug:key>/", DeskListingView.as_view(), name="desk_listing"),
        path("exchange/", ExchangeIndexView.as_view(), name="page_exchange"),
        path("exchange/<slug:name>/import/", ImportView.as_view(), name="page_exchange_import"),
        path("exchange/<slug:name>/export/", ExportView.as_view(), name="page_exchange_export"),
    ]


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request):
        # Asked on every admin page: once per request.
        # A superuser may do everything: no query for the menu of every admin page.
        if not hasattr(request, "_page_exchange_allowed"):
            request._page_exchange_allowed = request.user.is_superuser or bool(allowed(request.user))
        return request._page_exchange_allowed


@hooks.register("register_admin_menu_item")
def register_exchange_menu_item():
    return ExchangeMenuItem(_("Import and export"), reverse("page_exchange"), icon_name="upload", order=340)

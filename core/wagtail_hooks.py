"""The editors' desk (core/desk.py): its panels on the admin's home page and its full lists.
The apps register their panels in their own wagtail_hooks.py."""

from django.urls import path
from wagtail import hooks

from .desk import DeskListingView, add_desk_panels


@hooks.register("construct_homepage_panels")
def desk_panels(request, panels):
    add_desk_panels(request, panels)


@hooks.register("register_admin_urls")
def desk_urls():
    return [path("desk/<slug:key>/", DeskListingView.as_view(), name="desk_listing")]

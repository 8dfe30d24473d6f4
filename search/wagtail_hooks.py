"""The editors' side of search: synonym groups (snippets) and the searches report."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import REPORT_PERMISSION, SearchReportView
from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Search synonyms")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/searches/", SearchReportView.as_view(), name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(_("Searches"), reverse("search_report"), icon_name="search", order=900)


@hooks.register("register_permissions")
def register_search_report_permission():
    # Shown in the group editor, so administrators can give the report to some editors.
    return Permission.objects.filter(content_type__app_label="search", codename="view_searchcount")

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import IMPORT_PERMISSION, ImportActorsView
from .models import Commune


class CommuneViewSet(SnippetViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Communes")
    list_display = ["name", "insee_code", "department_code"]
    search_fields = ["name", "insee_code"]
    list_filter = ["department_code"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "group"
    menu_order = 320
    items = [CommuneViewSet]


register_snippet(DirectoryGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("actors/import/", ImportActorsView.as_view(), name="actors_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import actors"), reverse("actors_import"), icon_name="upload", order=330)


@hooks.register("register_permissions")
def register_import_permission():
    # Shown in the group editor, so administrators can give the import right to some editors.
    return Permission.objects.filter(content_type__app_label="actors", codename="import_actors")

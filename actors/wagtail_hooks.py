import datetime

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.desk import DeskPanel, desk, page_permission

from .admin_views import IMPORT_PERMISSION, ImportActorsView
from .models import ActorPage, Commune


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


# --- The editors' desk (core/desk.py) ---------------------------------------------------------

ACTOR_UPDATE_AGE = datetime.timedelta(days=365)


def actors_to_check():
    """Actors placed at their commune's centre, without consent to publish a contact, or not
    updated for a year: the oldest edits first."""
    stale = timezone.now() - ACTOR_UPDATE_AGE
    return (
        ActorPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(
            Q(approximate_location=True)
            | Q(contact_may_be_published=False)
            | Q(latest_revision_created_at__lt=stale)
            | Q(latest_revision_created_at__isnull=True)
        )
        .order_by("latest_revision_created_at", "title")
    )


def actor_note(actor) -> str:
    reasons = []
    if actor.approximate_location:
        reasons.append(str(_("at the commune's centre")))
    if not actor.contact_may_be_published:
        reasons.append(str(_("no consent to publish a contact")))
    edited = actor.latest_revision_created_at
    if edited is None or edited < timezone.now() - ACTOR_UPDATE_AGE:
        reasons.append(
            str(_("not updated since %(date)s") % {"date": date_format(timezone.localtime(edited), "F Y")})
            if edited
            else str(_("never updated"))
        )
    return " · ".join(reasons)


desk.register(
    DeskPanel(
        key="actors-to-check",
        title=_("Actors to check"),
        description=_(
            "Placed at their commune's centre (give their address), without consent to publish a contact "
            "(ask them), or not updated for a year (check with them)."
        ),
        items=actors_to_check,
        permission=page_permission(ActorPage),
        note=actor_note,
        order=330,
    )
)

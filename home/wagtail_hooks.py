"""The home app's admin: the translation status report (Reports > Translations)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from core.desk import DeskPanel, desk, model_permission

from .admin_views import TRANSLATE_PERMISSION, TranslationReportView
from .translation_status import BEHIND, page_statuses


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("reports/translations/", TranslationReportView.as_view(), name="translation_report")]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(TRANSLATE_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translations"), reverse("translation_report"), icon_name="globe", order=910
    )


# --- The editors' desk (core/desk.py): the English site behind the French one -------------------


def pages_behind_their_source():
    behind = [status.page.pk for status in page_statuses() if status.status == BEHIND]
    return Page.objects.filter(pk__in=behind).order_by("title")


desk.register(
    DeskPanel(
        key="translations-behind",
        title=_("English pages behind their French source"),
        description=_(
            "The French page changed since its English translation: sync the translation and "
            "translate what changed."
        ),
        items=pages_behind_their_source,
        permission=model_permission(TRANSLATE_PERMISSION),
        listing_url=lambda: reverse("translation_report") + f"?status={BEHIND}",
        order=600,
    )
)

"""The home app's admin: the translation status report (Reports > Translations)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import TRANSLATE_PERMISSION, TranslationReportView


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

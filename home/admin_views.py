"""The translation status report in the admin (Reports > Translations), for the editors who may
submit translations: per page type and per page, translated, behind its source, or never
translated (``home.translation_status``)."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .translation_status import STATUSES, counts_by_type, page_statuses

# wagtail-localize's own permission: « Can submit translations ».
TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


class TranslationReportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = TRANSLATE_PERMISSION
    template_name = "home/admin/translation_report.html"
    page_title = _("Translations")
    header_icon = "globe"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = page_statuses()
        chosen_status = self.request.GET.get("status", "")
        chosen_type = self.request.GET.get("type", "")
        type_counts = counts_by_type(statuses)
        known_types = {str(row.content_type.pk): row.content_type for row in type_counts}
        listed = [
            status
            for status in statuses
            if (chosen_status not in STATUSES or status.status == chosen_status)
            and (chosen_type not in known_types or str(status.page.content_type_id) == chosen_type)
        ]
        context.update(
            statuses=STATUSES,
            type_counts=[
                {
                    "content_type": row.content_type,
                    "name": row.content_type.model_class()._meta.verbose_name,
                    "counts": [row.counts[code] for code in STATUSES],
                    "total": row.total,
                }
                for row in type_counts
            ],
            listed=listed,
            chosen_status=chosen_status if chosen_status in STATUSES else "",
            chosen_type=chosen_type if chosen_type in known_types else "",
            page_type_names={
                pk: content_type.model_class()._meta.verbose_name for pk, content_type in known_types.items()
            },
        )
        return context

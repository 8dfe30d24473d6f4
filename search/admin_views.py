"""The searches report in the admin: per month, the most frequent queries and those that found
nothing (so editors can add a synonym group, an editors' pick or a page)."""

from datetime import date

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .report import found_nothing, months, most_frequent

REPORT_PERMISSION = "search.view_searchcount"


def month_asked(raw: str, known: list[date]) -> date | None:
    """The month of ``?month=YYYY-MM`` when it has counts; else the newest one (or None)."""
    for month in known:
        if f"{month:%Y-%m}" == str(raw or "").strip():
            return month
    return known[0] if known else None


class SearchReportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = REPORT_PERMISSION
    template_name = "search/admin/search_report.html"
    page_title = _("Searches")
    header_icon = "search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        known = months()
        month = month_asked(self.request.GET.get("month", ""), known)
        context.update(
            months=known,
            month=month,
            most_frequent=most_frequent(month) if month else [],
            found_nothing=found_nothing(month) if month else [],
            months_kept=settings.SEARCH_COUNTS_KEEP_MONTHS,
        )
        return context

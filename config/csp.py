"""The Content-Security-Policy middleware: the site's strict policy, the admin's own."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with `ADMIN_CONTENT_SECURITY_POLICY` for the Wagtail admin.

    The public site gets `CONTENT_SECURITY_POLICY` (no inline code at all). The admin, used only
    by logged-in editors, still needs inline code from Wagtail itself: rather than sending no
    policy there, it gets a copy of the site's policy that allows inline code. A view can still
    update or replace either policy on its own response (`response._csp_update`).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts: PolicyParts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

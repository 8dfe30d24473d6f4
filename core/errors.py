"""The 404 and 500 pages (handler404 and handler500 in config/urls.py).

Both speak the visitor's language (the /en/ prefix, else the active language) and link to the
home page in it. The 500 page renders without the database, a request context or context
processors (any of them may be what failed), and says the team was told only when an error
report is really sent: mail to settings.ADMINS, or Sentry when configured (config/settings).
"""

import sentry_sdk
from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from .chrome import find_site
from .translation import source_page_for_path

# An address deeper than this is no page of the site: not looked up (one query per segment).
MAX_PATH_SEGMENTS = 8


def visitor_language(request) -> str:
    return (
        translation.get_language_from_path(request.path_info)
        or translation.get_language()
        or settings.LANGUAGE_CODE
    )


def home_url(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def errors_are_reported() -> bool:
    return bool(settings.ADMINS) or sentry_sdk.get_client().is_active()


def page_not_found(request, exception):
    """The 404 page; in a language other than the first, when the address names a page that
    exists only in the first language (not translated yet), it says so and links to that page."""
    language = visitor_language(request)
    context = {"home_url": home_url(language), "source_page": None}
    if language != settings.LANGUAGE_CODE:
        context["source_page"] = untranslated_page(request, language)
        context["source_language_code"] = settings.LANGUAGE_CODE
    with translation.override(language):
        context["source_language"] = translation.get_language_info(settings.LANGUAGE_CODE)["name_translated"]
        return render(request, "404.html", context, status=404)


def untranslated_page(request, language: str):
    """The first-language page the address of a 404 in ``language`` stands for, or None."""
    site = find_site(request)
    prefix = f"/{language}/"
    if site is None or not request.path_info.startswith(prefix):
        return None
    segments = [segment for segment in request.path_info[len(prefix) :].split("/") if segment]
    if len(segments) > MAX_PATH_SEGMENTS:
        return None
    return source_page_for_path(site.root_page, segments, language)


def server_error(request):
    language = visitor_language(request)
    context = {
        "language": language,
        "home_url": home_url(language),
        "errors_are_reported": errors_are_reported(),
    }
    with translation.override(language):
        return HttpResponseServerError(loader.get_template("500.html").render(context))


def admin_forbidden(request, title, message, icon="warning"):
    """A plain 403 page in the admin, saying which permission is missing: Wagtail would turn
    PermissionDenied into a redirect to the dashboard, with no word of why."""
    context = {"title": title, "message": message, "icon": icon}
    return TemplateResponse(request, "core/admin_forbidden.html", context, status=403)

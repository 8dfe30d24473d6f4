"""Requests the public site refuses before any view sees them."""

import re

from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext as _

# C0 controls and DEL, except tab, line feed and carriage return: no path holds them. PostgreSQL
# refuses NUL in a text field, so a NUL in a parameter or a form field is refused too; other
# controls in a parameter are the views' to clean (search turns them into spaces), as pasted text
# in a form may hold them (Word writes vertical tabs).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUL = re.compile("\x00")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

# The public site answers GET and HEAD everywhere, POST where a form is (views refuse it
# elsewhere); the admin decides for itself.
PUBLIC_METHODS = ("GET", "HEAD", "POST")


def _names_and_values(querydict):
    for name, values in querydict.lists():
        yield name
        yield from (value for value in values if isinstance(value, str))


def _holds(pattern, values) -> bool:
    return any(pattern.search(value) for value in values)


class RejectControlCharactersMiddleware:
    """400, with a short message, when the path holds a control character, or a parameter or a
    form field a NUL byte: no view and no query sees such a value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_address = CONTROL_CHARACTERS.search(request.path_info) or _holds(
            NUL, _names_and_values(request.GET)
        )
        in_form = (
            request.method == "POST"
            and request.content_type in FORM_CONTENT_TYPES
            and _holds(NUL, _names_and_values(request.POST))
        )
        if in_address or in_form:
            return HttpResponseBadRequest(
                _("The address or the form holds a control character (such as a NUL byte)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class PublicMethodsMiddleware:
    """405 for TRACE, PUT, DELETE, OPTIONS and the like outside the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if request.method not in PUBLIC_METHODS and not request.path_info.startswith(self.admin_prefix):
            return HttpResponseNotAllowed(PUBLIC_METHODS)
        return self.get_response(request)

"""Wagtail's page-password form, with the admin logins' lockout.

After settings.AXES_FAILURE_LIMIT wrong passwords for one protected page from one client address
(core.client_address, as for the logins), the form answers 429 until settings.AXES_COOLOFF_TIME
has passed since the last failure. Failures are counted in Django's cache; the right password
below the limit resets the count, as AXES_RESET_ON_SUCCESS does for the logins.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from wagtail import views as wagtail_views

from core.client_address import client_address


def failures_key(request, page_view_restriction_id) -> str:
    # Per restriction (its password), not per page id: every page under the protected one
    # shares the password, and must share the count.
    return f"page-password-failures:{page_view_restriction_id}:{client_address(request)}"


def lockout(request):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "page_password_lockout.html", context, status=429)


def authenticate_with_password(request, page_view_restriction_id, page_id):
    key = failures_key(request, page_view_restriction_id)
    if cache.get(key, 0) >= settings.AXES_FAILURE_LIMIT:
        return lockout(request)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method != "POST":
        return response
    if response.status_code == 302:  # the right password: Wagtail redirects to the page
        cache.delete(key)
        return response
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    cache.add(key, 0, cooloff)
    failures = cache.incr(key)
    cache.touch(key, cooloff)  # the cool-off runs from the last failure, as for the logins
    if failures >= settings.AXES_FAILURE_LIMIT:
        return lockout(request)
    return response

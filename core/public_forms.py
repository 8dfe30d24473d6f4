"""Spam guards for the public forms (registrations, « join this group », contact): a honeypot
field and a rate limit per client address. No third-party captcha: nothing leaves the site.

    class RegistrationForm(HoneypotForm): ...

    SUBMISSIONS = RateLimit("agenda.registration", limit=10, period=timedelta(hours=1))

    def register(request):
        if request.method == "POST":
            if not SUBMISSIONS.allow(request):
                return SUBMISSIONS.refusal(request)  # 429, with a page that says when to retry
            form = RegistrationForm(request.POST)
            ...

The honeypot is a text field in a block hidden by the ``hidden`` attribute: neither sighted
visitors nor screen readers meet it, a robot filling every input does. A form with it filled is
invalid (a clear message, answered 400 by the view like any invalid form), and saves nothing.
The rate limit counts each submission, valid or not, in Django's cache (shared by every process
when REDIS_URL is set), per client address as core.client_address decides it.
"""

import math
from datetime import timedelta

from django import forms
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.client_address import client_address

HONEYPOT_FIELD = "website"


class HoneypotForm(forms.Form):
    """A form with the honeypot field; ``{% include "core/honeypot.html" %}`` renders it."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("This field must stay empty."), code="honeypot")
        return ""

    @property
    def caught_by_honeypot(self) -> bool:
        return self.has_error(HONEYPOT_FIELD, code="honeypot")


class RateLimit:
    """At most ``limit`` submissions per ``period`` from one client address, for one ``scope``."""

    def __init__(self, scope: str, limit: int, period: timedelta):
        self.scope = scope
        self.limit = limit
        self.period = period

    def key(self, request) -> str:
        return f"rate-limit:{self.scope}:{client_address(request)}"

    def allow(self, request) -> bool:
        """Count this submission; False once the limit is passed (the window runs from the first)."""
        key = self.key(request)
        seconds = int(self.period.total_seconds())
        cache.add(key, 0, seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds)
            count = 1
        return count <= self.limit

    def reset(self, request) -> None:
        cache.delete(self.key(request))

    def refusal(self, request):
        minutes = max(1, math.ceil(self.period.total_seconds() / 60))
        return render(request, "core/too_many_submissions.html", {"retry_minutes": minutes}, status=429)

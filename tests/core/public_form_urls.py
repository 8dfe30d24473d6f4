"""The site's URLs plus two small views built on core's helpers, to test them as a visitor."""

from datetime import timedelta

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns
from core.public_forms import HoneypotForm, RateLimit
from core.signed_links import reads_signed_link

__all__ = ["handler404", "handler500", "urlpatterns"]

SUBMISSIONS = RateLimit("tests.contact", limit=3, period=timedelta(minutes=10))
FORM_PAGE = engines["django"].from_string(
    '<form method="post">{% include "core/honeypot.html" %}{{ form.non_field_errors }}'
    "{{ form.website.errors }}</form>"
)


@reads_signed_link("tests.cancel", max_age=timedelta(days=1))
def cancel_view(request, value):
    return HttpResponse(f"cancelled registration {value['registration']}")


def contact_view(request):
    form = HoneypotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not SUBMISSIONS.allow(request):
            return SUBMISSIONS.refusal(request)
        if form.is_valid():
            return HttpResponse("thank you")
        return HttpResponse(FORM_PAGE.render({"form": form}, request), status=400)
    return HttpResponse(FORM_PAGE.render({"form": form}, request))


urlpatterns = (
    i18n_patterns(
        path("annuler/<str:token>/", cancel_view),
        path("contact/", contact_view),
        prefix_default_language=False,
    )
    + site_urlpatterns
)

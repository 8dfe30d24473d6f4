"""The newsletter in the admin: an issue starts from the digest; a page to test and send it; the
subscribers' export."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.snippets.views.snippets import CreateView

from core.errors import admin_forbidden
from core.spreadsheet import safe_cell

from .digest import new_issue
from .models import Delivery, NewsletterIssue, Subscriber
from .newsletter import MAX_ATTEMPTS, failed_for_good, resend_stuck, send_test, start_sending, stuck

SEND_PERMISSION = "news.change_newsletterissue"
EXPORT_PERMISSION = "news.view_subscriber"


class IssueFromDigestView(CreateView):
    """A new issue's form holds the digest of what is new since the last issue sent."""

    def get_initial_form_instance(self):
        locale = getattr(self, "locale", None)
        instance = new_issue(locale.language_code if locale else settings.LANGUAGE_CODE)
        instance.subject = _("The network's news, %(date)s") % {
            "date": timezone.localdate().strftime("%d/%m/%Y")
        }
        return instance

    def save_instance(self):
        instance = self.form.save(commit=False)
        if instance.since is None:
            instance.since = new_issue(instance.locale.language_code).since
        instance.save()
        self.form.save_m2m()
        return instance


def forbidden(request):
    # It used the actors' import page, which spoke of importing actors to a newsletter editor.
    return admin_forbidden(
        request,
        _("Newsletter"),
        _(
            "You do not have the permission to send the newsletter or export its subscribers. "
            "Ask an administrator to give it to you."
        ),
        icon="mail",
    )


@require_http_methods(["GET", "POST"])
def send_issue(request, pk):
    """GET: the issue's state and its deliveries; POST: send a test to oneself, or send it."""
    if not request.user.has_perm(SEND_PERMISSION):
        return forbidden(request)
    issue = get_object_or_404(NewsletterIssue.objects.select_related("locale"), pk=pk)
    main = issue.main_version()
    if request.method == "POST":
        if "test" in request.POST:
            if not request.user.email:
                messages.error(
                    request, _("Your account has no e-mail address: add one in your account settings.")
                )
            else:
                send_test(issue, request.user.email)
                messages.success(
                    request, _("A test was sent to %(address)s.") % {"address": request.user.email}
                )
        elif "send" in request.POST:
            if main.status == NewsletterIssue.Status.SENT:
                messages.error(request, _("This issue was already sent."))
            else:
                added = start_sending(main.pk)
                messages.success(request, _("Sending to %(count)s subscriber(s).") % {"count": added})
        elif "resend_stuck" in request.POST:
            count = resend_stuck(main.pk)
            messages.success(request, _("Sending again to %(count)s subscriber(s).") % {"count": count})
        return redirect("news_send_issue", pk=issue.pk)
    tally = dict(main.deliveries.values_list("status").annotate(count=Count("pk")).order_by())
    with_subscriber = ("subscriber",)
    context = {
        "issue": issue,
        "main": main,
        "versions": sorted(main.versions()),
        "tally": [(label, tally.get(value, 0)) for value, label in Delivery.Status.choices],
        "failed": main.deliveries.filter(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        .select_related(*with_subscriber)
        .order_by("subscriber__email")[:50],
        "failed_for_good": failed_for_good(main)
        .select_related(*with_subscriber)
        .order_by("subscriber__email"),
        "stuck": stuck(main).select_related(*with_subscriber).order_by("subscriber__email"),
        "max_attempts": MAX_ATTEMPTS,
        "recipients": Subscriber.objects.filter(confirmed_at__isnull=False).count(),
        "header_title": issue.subject,
    }
    return TemplateResponse(request, "news/admin/send_issue.html", context)


EXPORT_COLUMNS = ["email", "language", "consent", "consented_at", "confirmed_at"]


def export_subscribers(request):
    """The confirmed subscribers as CSV, every cell safe to open in a spreadsheet."""
    if not request.user.has_perm(EXPORT_PERMISSION):
        return forbidden(request)
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow(EXPORT_COLUMNS)
    for subscriber in Subscriber.objects.filter(confirmed_at__isnull=False).order_by("email"):
        writer.writerow(
            [
                safe_cell(subscriber.email),
                subscriber.language,
                safe_cell(subscriber.consent),
                subscriber.consented_at.isoformat(),
                subscriber.confirmed_at.isoformat(),
            ]
        )
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="abonnes-lettre.csv"'
    return response

"""The visitor's side of network life: a call reminder and the newsletter, both double opt-in.

Each form takes an address and an explicit consent (what is kept, for how long), saves nothing
when invalid (400 with the errors), and sends a mail whose signed link confirms the address.
An address already known gets the same answer as a new one: the form tells nobody who is on a list.
"""

import datetime

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from core.mail import TEXT_AS_HTML, send_templated_mail
from core.public_address import public_url
from core.public_forms import RateLimit
from core.signed_links import make_token, reads_signed_link

from .forms import NEWSLETTER_CONSENT, REMINDER_CONSENT, newsletter_form, reminder_form
from .models import CallReminder, ProgrammeCall, Subscriber
from .newsletter import UNSUBSCRIBE_LINK_AGE, UNSUBSCRIBE_PURPOSE

CONFIRMATION_LINK_AGE = datetime.timedelta(days=7)
SUBMISSIONS = RateLimit("news.subscriptions", limit=10, period=datetime.timedelta(hours=1))


# Call reminders ------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def ask_for_reminder(request, call_id):
    """The reminder form on a page of its own: the programme page links to it and so holds no
    form, no CSRF cookie, and stays in the page cache."""
    call = get_object_or_404(ProgrammeCall.objects.visible_in(get_language_locale()), pk=call_id)
    if not call.accepts_reminders:
        return render(request, "news/reminder_closed.html", {"call": call}, status=400)
    if request.method != "POST":
        return render(request, "news/reminder_form.html", {"call": call, "form": reminder_form(call)})
    if not SUBMISSIONS.allow(request):
        return SUBMISSIONS.refusal(request)
    form = reminder_form(call, request.POST)
    if not form.is_valid():
        return render(request, "news/reminder_form.html", {"call": call, "form": form}, status=400)
    email = form.cleaned_data["email"].lower()
    reminder = CallReminder.objects.filter(call=call, email=email).first()
    if reminder is None:
        try:
            with transaction.atomic():
                reminder = CallReminder.objects.create(
                    call=call, email=email, language=get_language(), consent=str(REMINDER_CONSENT)
                )
        except IntegrityError:  # the same address, sent twice at once
            reminder = CallReminder.objects.get(call=call, email=email)
    if reminder.confirmed_at is None:
        token = make_token("news.reminder", {"reminder": reminder.pk})
        send_templated_mail(
            "news/mail/reminder_confirmation",
            {
                "call": call,
                "programme": call.programme,
                "confirm_url": public_url(reverse("news:confirm_reminder", args=[token])),
            },
            [email],
            html_template=TEXT_AS_HTML,
        )
    return render(request, "news/check_your_mail.html", {"email": email})


@require_http_methods(["GET", "POST"])
@reads_signed_link("news.reminder", max_age=CONFIRMATION_LINK_AGE)
def confirm_reminder(request, value):
    reminder = CallReminder.objects.select_related("call__programme").filter(pk=value["reminder"]).first()
    if reminder is None:
        raise Http404
    if request.method == "POST" and reminder.confirmed_at is None:
        reminder.confirmed_at = timezone.now()
        reminder.save(update_fields=["confirmed_at"])
    return render(request, "news/reminder_confirm.html", {"reminder": reminder, "call": reminder.call})


# The newsletter ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return render(request, "news/subscribe.html", {"form": newsletter_form()})
    if not SUBMISSIONS.allow(request):
        return SUBMISSIONS.refusal(request)
    form = newsletter_form(request.POST)
    if not form.is_valid():
        return render(request, "news/subscribe.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].lower()
    try:
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.get_or_create(
                email=email, defaults={"language": get_language(), "consent": str(NEWSLETTER_CONSENT)}
            )
    except IntegrityError:
        subscriber = Subscriber.objects.get(email=email)
    if not subscriber.is_confirmed:
        token = make_token("news.subscribe", {"subscriber": subscriber.pk})
        send_templated_mail(
            "news/mail/subscribe_confirmation",
            {"confirm_url": public_url(reverse("news:confirm_subscription", args=[token]))},
            [email],
            html_template=TEXT_AS_HTML,
        )
    return render(request, "news/check_your_mail.html", {"email": email})


@require_http_methods(["GET", "POST"])
@reads_signed_link("news.subscribe", max_age=CONFIRMATION_LINK_AGE)
def confirm_subscription(request, value):
    subscriber = Subscriber.objects.filter(pk=value["subscriber"]).first()
    if subscriber is None:
        raise Http404
    if request.method == "POST" and subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return render(request, "news/subscribe_confirm.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click", with no form token
@require_http_methods(["GET", "POST"])
@reads_signed_link(UNSUBSCRIBE_PURPOSE, max_age=UNSUBSCRIBE_LINK_AGE)
def unsubscribe(request, value):
    """GET asks (a link checker must not unsubscribe anybody); POST unsubscribes, at once and
    for good: the address is deleted."""
    if request.method == "POST":
        Subscriber.objects.filter(pk=value["subscriber"]).delete()
        return render(request, "news/unsubscribed.html")
    known = Subscriber.objects.filter(pk=value["subscriber"]).exists()
    return render(request, "news/unsubscribe.html", {"known": known})


def get_language_locale():
    return Locale.objects.filter(language_code=get_language()).first()

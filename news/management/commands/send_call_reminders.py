"""Sends the reminders due today: a week before a call closes, to each confirmed address, once.

For the hourly timer (``run_timers``): a reminder already sent is never sent again (its
``once_key``), and one missed by a stopped timer still goes out until the call closes.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db.models import F
from django.utils import timezone

from core.mail import TEXT_AS_HTML, send_templated_mail
from news.models import REMINDER_DAYS_BEFORE_CLOSING, CallReminder


class Command(BaseCommand):
    help = "Sends the call reminders due (a week before each call closes). Idempotent."

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = CallReminder.objects.filter(
            confirmed_at__isnull=False,
            reminded_at__isnull=True,
            call__closes_on__gte=today,
            call__closes_on__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_CLOSING),
        ).select_related("call__programme")
        sent = 0
        for reminder in due.order_by(F("call__closes_on"), "pk"):
            programme = reminder.call.programme
            if send_templated_mail(
                "news/mail/call_reminder",
                {"call": reminder.call, "programme": programme, "programme_url": programme.get_full_url()},
                [reminder.email],
                html_template=TEXT_AS_HTML,
                language=reminder.language,
                once_key=f"news:call-reminder:{reminder.pk}",
            ):
                sent += 1
            reminder.reminded_at = timezone.now()
            reminder.save(update_fields=["reminded_at"])
        self.stdout.write(f"{sent} call reminder(s) sent")

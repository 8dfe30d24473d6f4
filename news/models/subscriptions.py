"""The personal data of network life: call reminders and newsletter subscribers.

Both are double opt-in (a signed link in a mail confirms the address), keep the consent given and
its date, and are purged by idempotent commands run by the timer (``run_timers``): an unconfirmed
address after a week, a reminder once its call has closed, a subscriber as soon as they leave.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programmes import ProgrammeCall

# An address not confirmed within this time is forgotten.
UNCONFIRMED_KEPT_FOR = datetime.timedelta(days=7)


class CallReminder(models.Model):
    call = models.ForeignKey(ProgrammeCall, on_delete=models.CASCADE, related_name="reminders")
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10)
    consent = models.TextField(_("consent given"))
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call reminder")
        verbose_name_plural = _("call reminders")
        constraints = [
            models.UniqueConstraint(fields=["call", "email"], name="one_reminder_per_address_and_call")
        ]

    def __str__(self):
        return f"{self.call} ({self.pk})"


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=10)
    consent = models.TextField(_("consent given"))
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

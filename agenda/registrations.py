"""Registrations: a seat or a place on the waiting list, never lost, never given twice.

Every change of an event's seats (a registration, a cancellation and the promotion it causes)
runs in one transaction that first locks the event's row (``SELECT ... FOR UPDATE`` on
PostgreSQL). Two people taking the last seat at the same moment are thus served one after the
other: the first gets the seat, the second the waiting list. The mails (confirmation with an
``.ics`` and a cancel link, promotion, organisers' 80 % and 100 % notices) are queued in the
same transaction (core.mail).
"""

import hashlib
from datetime import timedelta

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.mail import Attachment, send_templated_mail
from core.signed_links import make_token

from . import calendar

CANCEL_PURPOSE = "agenda.cancel"
# A cancel link works until the event is over, and at most this long after it was sent.
CANCEL_LINK_MAX_AGE = timedelta(days=400)
# Registrations are deleted this long after their event ended (purge_registrations).
RETENTION_AFTER_EVENT = timedelta(days=90)
# Share of the seats (%) at which the organisers are told the event fills up (then when full).
FILLING_THRESHOLD = 80


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "agenda.EventPage", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    language = models.CharField(_("language"), max_length=8, default="fr")
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def answers_text(self) -> str:
        """The answers to the editor's questions, one « question: answer » a line (exports)."""
        return "\n".join(f"{question}: {answer}" for question, answer in self.answers.items())

    def cancel_token(self) -> str:
        # The address's hash ties the link to this person: an id alone could be guessed.
        return make_token(CANCEL_PURPOSE, {"registration": self.pk, "check": self.check_value()})

    def check_value(self) -> str:
        return hashlib.sha256(f"{self.pk}:{self.email.lower()}".encode()).hexdigest()[:16]


class RegistrationRefused(Exception):  # noqa: N818 (a refusal, not a failure of the code)
    """Registration is not possible (closed, or full without a waiting list)."""


class AlreadyRegistered(RegistrationRefused):
    pass


def locked_event(event):
    """The event's row, locked until the end of the transaction (PostgreSQL; SQLite writes one at a
    time anyway)."""
    return type(event).objects.select_for_update(of=("self",)).get(pk=event.pk)


def confirmed_count(event) -> int:
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()


def register(event, *, name: str, email: str, organisation: str = "", answers=None) -> Registration:
    """A new registration: confirmed while seats remain, else waiting (or refused)."""
    with transaction.atomic():
        event = locked_event(event)
        active = Registration.objects.filter(event=event, email__iexact=email).exclude(
            status=Registration.Status.CANCELLED
        )
        if active.exists():
            raise AlreadyRegistered(_("This address is already registered for this event."))
        if not event.accepts_registrations:
            raise RegistrationRefused(_("Registration for this event is closed."))
        taken = confirmed_count(event)
        has_seat = event.capacity is None or taken < event.capacity
        registration = Registration.objects.create(
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            answers=answers or {},
            status=Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITING,
            language=translation.get_language() or "fr",
        )
        send_registration_mail(registration, event, "confirmed" if has_seat else "waiting")
        if has_seat:
            notify_filling(event, taken + 1)
    return registration


def cancel(registration_id: int, check: str) -> tuple[Registration | None, Registration | None]:
    """Cancel a registration; the first on the waiting list takes the freed seat and is told.

    Returns (the cancelled registration, the promoted one); (None, None) when there is no such
    registration (already purged, or the check does not match); a second cancel changes nothing.
    """
    with transaction.atomic():
        registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
        if registration is None or registration.check_value() != check:
            return None, None
        event = locked_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration, None
        freed_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if freed_seat and not event.is_past:
            promoted = promote_next(event)
    return registration, promoted


def promote_next(event) -> Registration | None:
    """Give a free seat to the first on the waiting list (the event's row is locked by the caller)."""
    if event.capacity is not None and confirmed_count(event) >= event.capacity:
        return None
    promoted = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Registration.Status.CONFIRMED
    promoted.promoted_at = timezone.now()
    promoted.save(update_fields=["status", "promoted_at"])
    send_registration_mail(promoted, event, "promoted")
    return promoted


def cancel_url(event, registration) -> str:
    """The absolute address of the registration's cancel link, in the active language."""
    return event.get_site().root_url + reverse("agenda_cancel", args=[registration.cancel_token()])


def send_registration_mail(registration, event, kind: str) -> None:
    """The mail of a confirmation, a waiting-list place or a promotion (with the .ics for a seat)."""
    with translation.override(registration.language):
        event_url = event.get_full_url()
        attachments = []
        if kind in ("confirmed", "promoted"):
            attachments.append(
                Attachment("evenement.ics", calendar.event_calendar(event, event_url), "text/calendar")
            )
        send_templated_mail(
            f"agenda/mail/{kind}",
            {
                "registration": registration,
                "event": event,
                "event_url": event_url,
                "cancel_url": cancel_url(event, registration),
                "when": calendar.when_label(event),
                "online_url": event.online_url if kind != "waiting" else "",
            },
            [registration.email],
            language=registration.language,
            attachments=attachments,
        )


def notify_filling(event, taken: int) -> None:
    """Tell the organisers once when 80 % of the seats are taken, once when all are."""
    addresses = event.notified_addresses()
    if event.capacity is None or not addresses:
        return
    for threshold in (FILLING_THRESHOLD, 100):
        if taken * 100 >= threshold * event.capacity:
            send_templated_mail(
                "agenda/mail/filling",
                {"event": event, "threshold": threshold, "taken": taken, "capacity": event.capacity},
                addresses,
                once_key=f"agenda:filling:{event.pk}:{threshold}",
            )


def send_reminders(now=None) -> int:
    """The reminder of each confirmed registration whose event starts within its reminder days;
    each is sent once (core.SentMessage), however often this runs."""
    event_model = Registration._meta.get_field("event").related_model  # agenda.models imports us
    now = now or timezone.now()
    sent = 0
    events = event_model.objects.live().filter(start__gt=now, reminder_days__gt=0, registration_open=True)
    for event in events:
        if event.start - timedelta(days=event.reminder_days) > now:
            continue
        for registration in Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED):
            with translation.override(registration.language):
                if send_templated_mail(
                    "agenda/mail/reminder",
                    {
                        "registration": registration,
                        "event": event,
                        "event_url": event.get_full_url(),
                        "when": calendar.when_label(event),
                        "online_url": event.online_url,
                        "cancel_url": cancel_url(event, registration),
                    },
                    [registration.email],
                    language=registration.language,
                    once_key=f"agenda:reminder:{registration.pk}",
                ):
                    sent += 1
    return sent


def purge_registrations(now=None, retention: timedelta = RETENTION_AFTER_EVENT) -> int:
    """Delete the registrations of events that ended more than ``retention`` ago."""
    now = now or timezone.now()
    deleted, _ = Registration.objects.filter(event__end__lt=now - retention).delete()
    return deleted

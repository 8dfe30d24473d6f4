"""What has been sent once: the guard that makes timer commands safe to run twice.

A row per message that must go out once only (a reminder, an "80 % full" notice). Its key is
unique, so two runs of the same command, even at the same moment, cannot both record it:
``core.mail.send_templated_mail(..., once_key=...)`` creates the row and enqueues the mail in one
transaction, and sends nothing when the row is already there. ``claim_once`` gives the same
guard to work that is not a mail.
"""

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class SentMessage(models.Model):
    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        help_text=_("What was sent, by ids only (never an address), e.g. agenda:reminder:42."),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        app_label = "core"
        verbose_name = _("message sent once")
        verbose_name_plural = _("messages sent once")

    def __str__(self):
        return self.key


def claim_once(key: str) -> bool:
    """Record ``key``; True the first time, False when it was already recorded."""
    try:
        with transaction.atomic():
            SentMessage.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def forget(prefix: str) -> int:
    """Drop the records whose key starts with ``prefix`` (when what they guarded is deleted)."""
    deleted, _ = SentMessage.objects.filter(key__startswith=prefix).delete()
    return deleted

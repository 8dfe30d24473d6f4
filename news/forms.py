"""The visitor's forms of network life: an address and an explicit consent, and a honeypot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.public_forms import HoneypotForm

REMINDER_CONSENT = _(
    "I agree that the network keeps my e-mail address to send me one reminder a week before this "
    "call closes. It is deleted when the call closes."
)
NEWSLETTER_CONSENT = _(
    "I agree that the network keeps my e-mail address to send me its newsletter, until I "
    "unsubscribe (a link in every issue). It is used for nothing else."
)


class AddressForm(HoneypotForm):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Tick the box to agree, or we cannot write to you.")},
    )


def reminder_form(call, data=None):
    form = AddressForm(data, auto_id=f"reminder-{call.pk}-%s")
    form.fields["consent"].label = REMINDER_CONSENT
    return form


def newsletter_form(data=None):
    form = AddressForm(data, auto_id="newsletter-%s")
    form.fields["consent"].label = NEWSLETTER_CONSENT
    return form

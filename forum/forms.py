"""The forum's public forms: propose a topic, answer a call for participation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.public_forms import HoneypotForm
from knowledge.taxonomy import Theme

PROPOSAL_CONSENT = _(
    "Your name and address are used only to confirm your proposal and to answer you about it; "
    "they are never shown and are deleted a year after you sent it. The page shows your structure."
)
VOLUNTEER_CONSENT = _(
    "Your name, address, organisation and message are passed on to the referent of this work, to "
    "answer you and form the group, and are deleted a year after you sent them."
)


class VisibleFieldsMixin:
    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name not in ("website", "consent")]


class ProposalForm(VisibleFieldsMixin, HoneypotForm):
    name = forms.CharField(label=_("First name and surname"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The confirmation link is sent there."))
    structure_name = forms.CharField(
        label=_("Your structure"), max_length=200, help_text=_("A member structure of the network.")
    )
    title = forms.CharField(label=_("The topic, in a few words"), max_length=200)
    problem = forms.CharField(
        label=_("The problem"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you meet in your work, and since when."),
    )
    why_it_matters = forms.CharField(
        label=_("Why it matters to the sector"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(label=PROPOSAL_CONSENT)

    field_order = [
        "name",
        "email",
        "structure_name",
        "title",
        "problem",
        "why_it_matters",
        "themes",
        "consent",
        "website",
    ]

    def __init__(self, *args, locale_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(locale_id=locale_id).order_by("name")


class VolunteerForm(VisibleFieldsMixin, HoneypotForm):
    name = forms.CharField(label=_("First name and surname"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The referent answers you there."))
    organisation = forms.CharField(label=_("Your structure"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you would bring to the group."),
    )
    consent = forms.BooleanField(label=VOLUNTEER_CONSENT)

    field_order = ["name", "email", "organisation", "message", "consent", "website"]

"""The agenda's public forms: registration (with the editor's questions) and « join this group »."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.public_forms import HoneypotForm

REGISTRATION_CONSENT = _(
    "Your name, address, organisation and answers are used only to organise this event (seats, "
    "reminder, changes of programme) and are deleted 90 days after it."
)
JOIN_CONSENT = _(
    "Your message and address are passed on to the group's referent only, to answer you, and are not "
    "kept on the site."
)


class RegistrationForm(HoneypotForm):
    name = forms.CharField(label=_("First name and surname"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The confirmation and the cancel link are sent there.")
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.field_name] = forms.CharField(
                label=question.label, required=question.required, max_length=1000
            )
        # The honeypot last, after the visible fields.
        self.order_fields([name for name in self.fields if name != "website"] + ["website"])

    def answers(self) -> dict[str, str]:
        return {
            question.label: self.cleaned_data.get(question.field_name, "")
            for question in self.questions
            if self.cleaned_data.get(question.field_name)
        }

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class JoinGroupForm(HoneypotForm):
    name = forms.CharField(label=_("First name and surname"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The referent answers you there."))
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("What you would bring to the group, or what you expect from it."),
    )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]

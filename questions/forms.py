"""The public form to ask the circle a question, and the small forms of a resource person's page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.public_forms import HoneypotForm
from core.translation import localized
from core.visibility import visible
from knowledge.models import Department, Domain, LabelPage, Material
from trades.models import TradeProfilePage

from .models import Question


class LocalizedTermChoiceField(forms.ModelMultipleChoiceField):
    """Terms of the default language (what pages link to), named in the visitor's language."""

    def label_from_instance(self, obj):
        return getattr(obj, "shown_name", obj.name)


class AskForm(forms.ModelForm, HoneypotForm):
    consent = forms.BooleanField(
        label=_("I agree that the network keeps these details to answer me, as explained above."),
        error_messages={"required": _("Tick this box so that we may keep your question and answer you.")},
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "context",
            "commune",
            "department",
            "structure_kind",
            "domains",
            "materials",
            "labels",
            "trades",
            "asker_name",
            "asker_email",
            "asker_phone",
            "answer_by",
        ]
        labels = {
            "text": _("Your question"),
            "context": _("Your project"),
            "commune": _("Commune of the project"),
            "department": _("Department"),
            "structure_kind": _("You are"),
            "domains": _("Domains"),
            "materials": _("Materials"),
            "labels": _("Labels or protections concerned"),
            "trades": _("Trades concerned"),
            "asker_name": _("Your name"),
            "asker_email": _("Your e-mail"),
            "asker_phone": _("Your phone"),
            "answer_by": _("How should we answer you?"),
        }
        help_texts = {
            "text": _("As precisely as you can: what you want to know, what you already tried."),
            "context": _("The building or object, the work planned, the stage your project is at."),
            "commune": "",
            "domains": _("Optional: tick what the question is about, it helps us find the right person."),
            "materials": "",
            "labels": "",
            "trades": _("Optional. Hold Ctrl (or Cmd) to choose several."),
            "asker_name": _("Optional."),
            "asker_email": _("We send the acknowledgement and the answer there."),
            "asker_phone": _("Only if you prefer to be called."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "domains": forms.CheckboxSelectMultiple,
            "materials": forms.CheckboxSelectMultiple,
            "labels": forms.CheckboxSelectMultiple,
            "answer_by": forms.RadioSelect,
        }

    def __init__(self, *args, locale: Locale | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        default = Locale.get_default()
        locale = locale or default
        for name, model in (("domains", Domain), ("materials", Material)):
            terms = list(model.objects.filter(locale=default).order_by("name"))
            for term, shown in zip(terms, localized(terms, locale.pk), strict=True):
                term.shown_name = shown.name
            field = LocalizedTermChoiceField(
                queryset=model.objects.filter(locale=default),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=self.fields[name].label,
                help_text=self.fields[name].help_text,
            )
            field.choices = [(term.pk, term.shown_name) for term in terms]
            self.fields[name] = field
        self.fields["department"].queryset = Department.objects.filter(locale=default).order_by("code")
        self.fields["labels"].queryset = visible(LabelPage.objects.all(), locale.pk).order_by("title")
        self.fields["trades"].queryset = visible(TradeProfilePage.objects.all(), locale.pk).order_by("title")
        self.fields["text"].required = True
        self.fields["asker_email"].required = False
        self.fields["answer_by"].choices = Question.AnswerBy.choices
        self.fields["structure_kind"].choices = [("", _("Choose…")), *Question.StructureKind.choices]
        self.fields["department"].empty_label = _("Choose…")
        for field in ("text", "context", "asker_name", "commune"):
            self.fields[field].widget.attrs["maxlength"] = self.fields[field].max_length or 4000
        self.fields["asker_email"].widget.attrs["autocomplete"] = "email"
        self.fields["asker_name"].widget.attrs["autocomplete"] = "name"
        self.fields["asker_phone"].widget.attrs["autocomplete"] = "tel"

    def clean(self):
        data = super().clean()
        by = data.get("answer_by")
        if by == Question.AnswerBy.EMAIL and not data.get("asker_email") and "asker_email" not in self.errors:
            self.add_error("asker_email", _("Give an e-mail address so that we can answer you."))
        if by == Question.AnswerBy.PHONE and not data.get("asker_phone"):
            self.add_error("asker_phone", _("Give a phone number so that we can call you."))
        if not data.get("asker_email") and not data.get("asker_phone") and "asker_email" not in self.errors:
            self.add_error("asker_email", _("Give an e-mail address or a phone number."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Someone else may know: say who, if you can."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The coordinator reads it before sending it to the asker."),
        error_messages={"required": _("Write the answer.")},
    )


class HelpForm(forms.Form):
    message = forms.CharField(
        label=_("What help do you need?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what help you need.")},
    )


class AvailabilityForm(forms.Form):
    """A resource person away until a date, or available again, from the link in their mails."""

    AWAY, AVAILABLE = "away", "available"

    choice = forms.ChoiceField(
        label=_("Your availability"),
        choices=[(AVAILABLE, _("I am available for questions")), (AWAY, _("I am away until the date below"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one.")},
    )
    away_until = forms.DateField(
        label=_("Away until (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("No question is offered to you until that day, included."),
        error_messages={"invalid": _("Give a date such as 2027-03-31.")},
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        if data.get("choice") == self.AWAY:
            until = data.get("away_until")
            if until is None and "away_until" not in self.errors:
                self.add_error("away_until", _("Give the last day you are away."))
            elif until is not None and self.today and until < self.today:
                self.add_error("away_until", _("Give a day from today on."))
        return data

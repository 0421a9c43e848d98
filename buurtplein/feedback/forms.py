"""Forms of feedback: the question (0–10 with one optional sentence) and the complaints
procedure. Rules that need the database are in the actions."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtplein.feedback.models import MAX_COMPLAINT, MAX_SENTENCE, Outcome


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


class AnswerForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How likely is it that you would recommend us to a neighbour or a friend?"),
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 0 to 10.")},
    )
    text = forms.CharField(
        label=_("Why? (one sentence, if you like)"),
        required=False,
        max_length=MAX_SENTENCE,
    )
    anonymous = forms.BooleanField(label=_("Answer anonymously"), required=False, initial=True)
    token = forms.CharField(widget=forms.HiddenInput)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


class ComplaintForm(forms.Form):
    organisation = forms.ChoiceField(label=_("What is your complaint about?"), required=True)
    text = forms.CharField(
        label=_("Your complaint"),
        max_length=MAX_COMPLAINT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, when, and who was involved."),
    )
    wish = forms.CharField(
        label=_("What would you like to happen? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("We send the receipt and the outcome to this address."),
    )

    PLATFORM = "platform"

    def __init__(self, *args, organisations=(), member=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [
            ("", _("Choose…")),
            (self.PLATFORM, _("This website (Buurtplein)")),
            *[(str(o.pk), o.name) for o in organisations],
        ]
        if member:
            del self.fields["name"]
            del self.fields["email"]

    def chosen_organisation(self):
        """The organisation chosen (None: the platform)."""
        return self.organisations.get(self.cleaned_data["organisation"])


class AcknowledgeForm(forms.Form):
    deadline = forms.DateField(
        label=_("Handled by"),
        required=False,
        widget=DateInput,
        help_text=_("Leave as it is for the usual six weeks."),
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=_("New deadline"), widget=DateInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the owners read this, never the person."),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    outcome_text = forms.CharField(
        label=_("The outcome for the person"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("We send this to the person as it is."),
    )

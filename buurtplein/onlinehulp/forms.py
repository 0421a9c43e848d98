from django import forms
from django.utils.translation import gettext_lazy as _

from buurtplein.core.life_domains import LifeDomain
from buurtplein.onlinehulp.models import (
    MAX_FIRST_NAME,
    MAX_MESSAGE,
    MAX_RATING_TEXT,
    AgeGroup,
    ConsultationHour,
    Outcome,
)


class ChatStartForm(forms.Form):
    """Nothing is asked before the chat starts but an optional first name and age group."""

    first_name = forms.CharField(
        label=_("Your first name (if you like)"), max_length=MAX_FIRST_NAME, required=False
    )
    age_group = forms.ChoiceField(
        label=_("Your age (if you like)"),
        choices=[("", _("I'd rather not say")), *AgeGroup.choices],
        required=False,
    )


class RatingForm(forms.Form):
    """The asker's one-tap rating after the chat (five faces) and an optional sentence."""

    rating = forms.TypedChoiceField(
        label=_("How much did this chat help you?"),
        choices=[
            (1, _("Not at all")),
            (2, _("A little")),
            (3, _("Somewhat")),
            (4, _("Quite a lot")),
            (5, _("Very much")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    rating_text = forms.CharField(
        label=_("Anything you want to add? (if you like)"),
        max_length=MAX_RATING_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TranscriptMailForm(forms.Form):
    """Where to send the chat once; the address is used for this one e-mail and not kept."""

    email = forms.EmailField(label=_("Your e-mail address"))


class ChatRegistrationForm(forms.Form):
    """What stays of a chat for the figures: the worker's short registration on closing it."""

    topic = forms.CharField(
        label=_("Topic (a few words, no names)"), max_length=120, required=False
    )
    life_domain = forms.ChoiceField(
        label=_("Life domain"), choices=[("", "—"), *LifeDomain.choices], required=False
    )
    outcome = forms.ChoiceField(label=_("What did the chat lead to?"), choices=Outcome.choices)


class SnippetForm(forms.Form):
    """A canned answer; the organisation is asked only of a worker of several."""

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=80)
    text = forms.CharField(label=_("Text"), max_length=MAX_MESSAGE, widget=forms.Textarea)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()


# --- The asker's e-mail question (part "desk") ---------------------------------------------

CODE_LENGTH = 20
"""A typed code is at most this long (``ABCD-2345`` with room for spaces)."""


class QuestionForm(forms.Form):
    """Only the question is needed; no name, no address."""

    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write what is going on and what you would like to know."),
    )
    first_name = forms.CharField(
        label=_("Your first name (if you like)"), max_length=MAX_FIRST_NAME, required=False
    )
    age_group = forms.ChoiceField(
        label=_("Your age (if you like)"),
        choices=[("", _("I'd rather not say")), *AgeGroup.choices],
        required=False,
    )
    email = forms.EmailField(
        label=_("Your e-mail address (if you like)"),
        required=False,
        help_text=_(
            "Only to tell you that there is an answer. The e-mail does not say what the "
            "answer is. You can leave it empty."
        ),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"), max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 4})
    )


class CodeForm(forms.Form):
    unknown = _(
        "We do not know this code here. Check the letters, and that you are on the page of "
        "the same neighbourhood."
    )

    code = forms.CharField(
        label=_("Your code"),
        max_length=CODE_LENGTH,
        help_text=_("The code you wrote down, like ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


# --- The workers' e-mail queue (part "desk") -----------------------------------------------


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The asker reads it by their link. Their e-mail only says there is an answer."),
    )


class NoteForm(forms.Form):
    prefix = "note"  # on the same page as the answer's "text"
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for colleagues of the desk; the asker never sees it."),
    )


class AssignForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Assign to"), queryset=None, empty_label=None)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = workers
        self.fields["to"].label_from_instance = lambda user: user.display_name


class CloseForm(forms.Form):
    topic = forms.CharField(label=_("Topic in a few words"), max_length=120, required=False)
    life_domain = forms.ChoiceField(
        label=_("Life domain"), choices=[("", "—"), *LifeDomain.choices], required=False
    )
    outcome = forms.ChoiceField(label=_("What it led to"), choices=Outcome.choices)


# --- Consultation hours and the rota (part "desk") -----------------------------------------


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class ShiftForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput)
    starts = forms.TimeField(label=_("From"), widget=TimeInput)
    ends = forms.TimeField(label=_("Until"), widget=TimeInput, help_text=_("00:00 means midnight."))


class HourForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"), coerce=int, choices=ConsultationHour._meta.get_field("weekday").choices
    )
    starts = forms.TimeField(label=_("From"), widget=TimeInput)
    ends = forms.TimeField(label=_("Until"), widget=TimeInput, help_text=_("00:00 means midnight."))

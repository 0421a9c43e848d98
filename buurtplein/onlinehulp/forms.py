from django import forms
from django.utils.translation import gettext_lazy as _

from buurtplein.core.life_domains import LifeDomain
from buurtplein.onlinehulp.models import (
    MAX_FIRST_NAME,
    MAX_MESSAGE,
    MAX_RATING_TEXT,
    AgeGroup,
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

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtplein.onlinehulp.models import MAX_FIRST_NAME, MAX_RATING_TEXT, AgeGroup


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

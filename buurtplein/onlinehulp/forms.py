from django import forms
from django.utils.translation import gettext_lazy as _

from buurtplein.onlinehulp.models import MAX_FIRST_NAME, AgeGroup


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

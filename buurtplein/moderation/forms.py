"""Forms of moderation: the report every component's "report" page uses, the decision of the
queue, the objection, the house rules."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from buurtplein.moderation.actions import SUSPEND_DAYS
from buurtplein.moderation.models import Decision, HouseRules, Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explain (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


DECIDE_CHOICES = [
    (value, label) for value, label in Decision.Action.choices if value != Decision.Action.AUTO_HIDE
]


def _suspend_choices():
    """Built when the choices are read, so in the language of the request."""
    return [(d, ngettext("%(days)s day", "%(days)s days", d) % {"days": d}) for d in SUSPEND_DAYS]


class DecideForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What do you do?"), choices=DECIDE_CHOICES, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the author"),
        help_text=_(
            "The author reads this. Say which house rule it is about. Not needed for “Keep it”."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    days = forms.TypedChoiceField(
        label=_("Suspend for"),
        choices=_suspend_choices,
        coerce=int,
        required=False,
        initial=7,
    )


class AppealForm(forms.Form):
    appeal_text = forms.CharField(
        label=_("Why do you disagree?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RulesForm(forms.ModelForm):
    class Meta:
        model = HouseRules
        fields = ["text_nl", "text_en", "hide_after"]
        widgets = {
            "text_nl": forms.Textarea(attrs={"rows": 14}),
            "text_en": forms.Textarea(attrs={"rows": 14}),
        }

    def clean_hide_after(self):
        value = self.cleaned_data["hide_after"]
        if value < 2 or value > 20:
            raise forms.ValidationError(_("Choose a number from 2 to 20."))
        return value

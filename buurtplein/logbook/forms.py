"""Forms of the logbook: one entry (register and correct) and the "+1 contact" tap. They only
read types; what fits together (a contact moment needs "how", time needs minutes) is the
action's (``actions._clean``), shown on the form by the view."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from buurtplein.accounts.selectors import acting_organisations
from buurtplein.core.life_domains import LifeDomain
from buurtplein.logbook.models import MAX_PEOPLE, How, Kind

MINUTE_STEPS = (15, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 480)


def minutes_label(minutes: int) -> str:
    if minutes < 60:
        return _("%(n)s minutes") % {"n": minutes}
    hours = minutes / 60
    shown = formats.number_format(hours, decimal_pos=0 if hours == int(hours) else 1)
    return ngettext("%(n)s hour", "%(n)s hours", int(hours) if hours == int(hours) else 2) % {
        "n": shown
    }


def minute_choices():
    return [(0, _("No time given")), *((m, minutes_label(m)) for m in MINUTE_STEPS)]


class OrganisationChoice(forms.ModelChoiceField):
    def __init__(self, viewer, **kwargs):
        super().__init__(
            queryset=acting_organisations(viewer),
            required=False,
            empty_label=_("Myself (no organisation)"),
            widget=forms.RadioSelect,
            label=_("For"),
            **kwargs,
        )


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you register?"), choices=Kind, widget=forms.RadioSelect
    )
    life_domain = forms.ChoiceField(
        label=_("What was it about?"), choices=LifeDomain, widget=forms.RadioSelect
    )
    how = forms.ChoiceField(
        label=_("How (a contact moment)"),
        choices=How,
        required=False,
        widget=forms.RadioSelect,
    )
    people = forms.IntegerField(
        label=_("How many people"),
        help_text=_("Reached in a contact moment, or taking part in a group activity."),
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    minutes = forms.TypedChoiceField(label=_("Time"), coerce=int, choices=(), required=False)
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoice(viewer)
        self.fields["minutes"].choices = minute_choices()
        self.fields["day"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_people(self):
        return self.cleaned_data.get("people") or 0

    def clean_minutes(self):
        return self.cleaned_data.get("minutes") or 0

    def values(self) -> dict:
        """The cleaned data as the actions take it."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "life_domain": data["life_domain"],
            "how": data.get("how") or "",
            "people": data["people"],
            "minutes": data["minutes"],
            "day": data["day"],
            "organisation": data.get("organisation"),
        }


class QuickForm(forms.Form):
    """ "+1 contact": one person reached today, as a recent contact moment."""

    how = forms.ChoiceField(choices=How)
    life_domain = forms.ChoiceField(choices=LifeDomain)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoice(viewer)

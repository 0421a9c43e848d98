"""Forms of the reports: choosing the period (``?period=``, or a range of two months)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtplein.reporting import periods


class PeriodForm(forms.Form):
    """The period of a report, read from the address: ``period`` (a month, a quarter, a year or
    a range, as :func:`periods.parse` reads them) or a range chosen as ``from`` and ``to``
    (``<input type="month">``: ``2026-01``). Nothing chosen: the last whole month."""

    period = forms.CharField(label=_("Period"), required=False, max_length=40)
    start = forms.CharField(label=_("From month"), required=False, max_length=7)
    end = forms.CharField(label=_("Up to and including month"), required=False, max_length=7)

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {
                "period": data.get("period", ""),
                "start": data.get("from", ""),
                "end": data.get("to", ""),
            }
        super().__init__(data, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        try:
            if start or end:
                if not (start and end):
                    raise periods.PeriodError(_("Choose both the first and the last month."))
                data["chosen"] = periods.parse(f"{start}..{end}")
            elif data.get("period"):
                data["chosen"] = periods.parse(data["period"])
            else:
                data["chosen"] = periods.default()
        except periods.PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        return data


class ShareForm(forms.Form):
    """A share link for the municipality's contact: for whom, and until when it works."""

    recipient = forms.CharField(
        label=_("For whom"),
        max_length=120,
        help_text=_("As in: Gemeente Arnhem, Sociaal Domein."),
    )
    expires_on = forms.DateField(
        label=_("Works until"),
        help_text=_("At most a year from today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

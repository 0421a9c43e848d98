"""How much time a vacancy asks, the way people read it, in the current language."""

from datetime import date
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtplein.volunteering.models import HoursPer, TimeKind

register = template.Library()


def _number(value: Decimal) -> str:
    places = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, places, use_l10n=True)


@register.filter
def hours_text(vacancy) -> str:
    """``3 uur per keer`` / ``4 hours a week`` / ``1 hour``."""
    if vacancy.hours is None:
        return ""
    count = 1 if vacancy.hours == 1 else 2
    number = _number(vacancy.hours)
    if vacancy.time_kind == TimeKind.REGULAR and vacancy.hours_per == HoursPer.WEEK:
        text = ngettext("%(hours)s hour a week", "%(hours)s hours a week", count)
    elif vacancy.time_kind == TimeKind.REGULAR:
        text = ngettext("%(hours)s hour each time", "%(hours)s hours each time", count)
    else:
        text = ngettext("%(hours)s hour", "%(hours)s hours", count)
    return text % {"hours": number}


def _day(value: date, with_year: bool = True) -> str:
    return formats.date_format(value, "l j F Y" if with_year else "l j F")


@register.filter
def time_summary(vacancy) -> str:
    """One line: ``Eenmalig: zaterdag 12 december 2026 · 4 uur`` or ``Elke week · dinsdagochtend
    · 3 uur per keer``."""
    parts = []
    if vacancy.time_kind == TimeKind.ONE_OFF:
        if vacancy.date_start and vacancy.date_end:
            parts.append(
                _("One-off: %(start)s to %(end)s")
                % {
                    "start": formats.date_format(vacancy.date_start, "j F"),
                    "end": formats.date_format(vacancy.date_end, "j F Y"),
                }
            )
        elif vacancy.date_start:
            parts.append(_("One-off: %(date)s") % {"date": _day(vacancy.date_start)})
        else:
            parts.append(_("One-off"))
    else:
        parts.append(vacancy.get_frequency_display() or _("Regular"))
    if vacancy.schedule:
        parts.append(vacancy.schedule)
    hours = hours_text(vacancy)
    if hours:
        parts.append(hours)
    return " · ".join(str(part) for part in parts)

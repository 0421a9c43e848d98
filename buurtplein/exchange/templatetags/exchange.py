"""Euros and distances the way people read them, in the current language."""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(value) -> str:
    """``€ 1.250`` / ``€ 12,50`` in Dutch, ``€ 1,250`` / ``€ 12.50`` in English."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return "€\u00a0" + formats.number_format(value, places, use_l10n=True, force_grouping=True)


@register.filter
def distance(metres) -> str:
    """``400 m from you`` / ``1.2 km from you``."""
    if metres is None:
        return ""
    if metres < 1000:
        return _("%(distance)s m from you") % {"distance": metres}
    km = formats.number_format(Decimal(metres) / 1000, 1, use_l10n=True)
    return _("%(distance)s km from you") % {"distance": km}

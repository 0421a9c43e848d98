"""Distances the way people read them, in the current language (euros: ``{% load money %}``)."""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def distance(metres) -> str:
    """``400 m from you`` / ``1.2 km from you``."""
    if metres is None:
        return ""
    if metres < 1000:
        return _("%(distance)s m from you") % {"distance": metres}
    km = formats.number_format(Decimal(metres) / 1000, 1, use_l10n=True)
    return _("%(distance)s km from you") % {"distance": km}

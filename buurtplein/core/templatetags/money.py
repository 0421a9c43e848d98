"""``{% load money %}``: ``{{ amount|euro }}`` (see :func:`buurtplein.core.money.euro`)."""

from django import template

from buurtplein.core.money import euro as _euro

register = template.Library()


@register.filter
def euro(value) -> str:
    return _euro(value)

"""``{% quick_exit_url %}``: where "Snel weg" leaves to (``BUURTPLEIN_QUICK_EXIT_URL``), so
every page for askers can include ``onlinehulp/_desk_quick_exit.html`` without passing it."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def quick_exit_url() -> str:
    return settings.BUURTPLEIN_QUICK_EXIT_URL

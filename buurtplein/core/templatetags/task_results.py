"""The admin's index says how many background tasks failed (``templates/admin/index.html``)."""

from django import template

from buurtplein.core.tasks import failed_count

register = template.Library()


@register.simple_tag
def failed_task_count() -> int:
    return failed_count()

"""``{% freshness_of service as fresh %}``: what ``socialmap/_freshness_actions.html`` shows of a
service's check for the person looking (one query for the corrections, only for its keepers)."""

from django import template

from buurtplein.core.permissions import can, viewer_for
from buurtplein.socialmap import freshness

register = template.Library()


@register.simple_tag(takes_context=True)
def freshness_of(context, service):
    request = context.get("request")
    if request is None or getattr(request, "neighbourhood", None) is None:
        return {"may_keep": False, "may_correct": False, "corrections": []}
    viewer = viewer_for(request)
    may_keep = can(viewer, "socialmap.service.confirm", service)
    return {
        "may_keep": may_keep,
        "may_correct": can(viewer, "socialmap.correction.create", service),
        "corrections": freshness.open_feedback(service) if may_keep else [],
    }

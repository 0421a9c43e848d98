"""Platform front page and the neighbourhood home."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from buurtplein.core.components import HOME_REGIONS, enabled_components
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.selectors import (
    neighbourhoods_for_front_page,
    neighbourhoods_for_postcode,
    user_memberships,
)
from buurtplein.core.urls import nb_reverse


def front_page(request):
    """Lists the neighbourhoods and finds yours by postcode."""
    postcode = request.GET.get("postcode", "").strip()
    found = None
    error = ""
    if postcode:
        found = neighbourhoods_for_postcode(postcode)
        if found is None:
            error = _("Type a postcode like 6524 or 6524 AB.")
        elif len(found) == 1:
            return redirect(nb_reverse("nb:home", found[0], request=request))
    return render(
        request,
        "core/front.html",
        {
            "neighbourhoods": neighbourhoods_for_front_page(),
            "postcode": postcode,
            "found": found,
            "error": error,
            "my_memberships": user_memberships(request.user),
        },
    )


@neighbourhood_view("core.home.view")
def neighbourhood_home(request):
    """The square of a neighbourhood: intro, then what the components show on the home, by
    region (``Component.home_region``): a strip on top, the feed's column, the side column."""
    regions = {region: [] for region in HOME_REGIONS}
    for component in enabled_components(request.neighbourhood):
        if component.home_template:
            context = component.home_context(request) if component.home_context else {}
            regions[component.home_region].append((component, component.home_template, context))
    return render(request, "core/home.html", {"regions": regions})

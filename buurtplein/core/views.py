"""Platform front page, the neighbourhood home, its search and "Privacy in je buurt"."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from buurtplein.core import actions
from buurtplein.core import search as neighbourhood_search
from buurtplein.core.components import HOME_REGIONS, enabled_components
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import PrivacyContactForm, apply_errors, posted
from buurtplein.core.permissions import viewer_for
from buurtplein.core.selectors import (
    neighbourhoods_for_front_page,
    neighbourhoods_for_postcode,
    privacy_contact,
    retention_table,
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


@neighbourhood_view("core.search.view")
def search(request):
    """The neighbourhood's search: what every switched-on component finds that the viewer may
    see, grouped by kind, each with a link to that kind's own page for more."""
    query = request.GET.get("q", "").strip()[: neighbourhood_search.MAX_QUERY]
    groups = neighbourhood_search.search(viewer_for(request), query, request=request)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "groups": groups,
            "total": sum(group.shown_total for group in groups),
            "capped": any(group.capped for group in groups),
            "searched": bool(neighbourhood_search.words(query)),
        },
    )


@neighbourhood_view("core.privacy.view")
def privacy(request):
    """ "Privacy in je buurt": what is kept, why and for how long (from the retention rules the
    round applies), your rights, and whom to ask. Public, like the home."""
    return render(
        request,
        "core/privacy.html",
        {
            "contact": privacy_contact(request.neighbourhood),
            "retention": retention_table(request.neighbourhood),
        },
    )


@neighbourhood_view("core.privacy_contact.edit")
def privacy_contact_edit(request):
    """The neighbourhood's admin fills in its own contact person for privacy questions. (The
    form works on a copy: the request's neighbourhood changes only through the action.)"""
    neighbourhood = request.neighbourhood
    form = PrivacyContactForm(posted(request), instance=copy(neighbourhood))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.privacy_contact_update(
                actor=request.user,
                neighbourhood=neighbourhood,
                name=data["privacy_contact_name"],
                email=data["privacy_contact_email"],
                phone=data["privacy_contact_phone"],
                organisation=data["privacy_contact_organisation"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The contact person for privacy is saved."))
            return redirect(nb_reverse("nb:privacy", neighbourhood, request=request))
    status = 400 if request.method == "POST" else 200
    return render(request, "core/privacy_contact.html", {"form": form}, status=status)

"""Pages of the sociale kaart. Input → forms, rules → permission chain, writes → actions.

The list is the main view (a map of the same results only when a tile server is set); a
service's page says what, for whom, where, when, how to reach it and who gives it; staff of
the owning organisation and buurtverbinders add and change services with their places and
hours on one page, and end them instead of deleting them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.models import LANGUAGE_CHOICES
from buurtplein.core.components import service_actions
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap import actions, selectors
from buurtplein.socialmap.forms import (
    CardForm,
    PeriodFormSet,
    PlaceFormSet,
    ServiceForm,
    place_choices,
    service_initial,
)
from buurtplein.socialmap.models import LifeDomain, Professional, State, TargetGroup

LANGUAGES = dict(LANGUAGE_CHOICES)


def _url(request, name, **kwargs):
    return nb_reverse(f"socialmap:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _flag(value) -> bool:
    return value in ("1", "on", "true")


def _filters(request, viewer) -> selectors.Filters:
    get = request.GET
    domain = get.get("domain", "")
    language = get.get("language", "")
    try:
        km = int(get.get("km", "0"))
    except ValueError:
        km = 0
    km = km if km in selectors.DISTANCES else 0
    postcode = get.get("postcode", "").strip()[:7]
    return selectors.Filters(
        q=get.get("q", "").strip()[:100],
        domain=domain if domain in LifeDomain.values else "",
        free=_flag(get.get("free")),
        walk_in=_flag(get.get("walk_in")),
        open_now=_flag(get.get("open_now")),
        language=language if language in LANGUAGES else "",
        postcode=postcode,
        km=km,
        place=selectors.place_for(viewer, postcode) if km else None,
    )


def map_tiles() -> str:
    """The tile server of the map view (``BUURTPLEIN_MAP_TILES``); empty: no map."""
    return getattr(settings, "BUURTPLEIN_MAP_TILES", "") or ""


def tiles_source(template: str) -> str:
    """The CSP source of a tile URL template: its scheme and host (with its port), and for a
    ``{s}`` subdomain a wildcard for that label (``https://{s}.tile.example.nl/…`` →
    ``https://*.tile.example.nl``)."""
    parts = urlsplit(template.replace("{s}", "s"))
    host = parts.netloc
    if "{s}" in template:
        host = "*." + host.split(".", 1)[1] if "." in host else host
    return f"{parts.scheme}://{host}"


def allow_tiles(response, template: str):
    """Let the map view's page load the tile server's images: its CSP is the site's
    (``SECURE_CSP``) with the tile server added to ``img-src``. Only this page allows it, and
    the setting is read when the page is made (what Django's ``csp_override`` decorator sets,
    for a value known only now)."""
    policy = dict(settings.SECURE_CSP)
    images = policy.get("img-src", [])
    images = [images] if isinstance(images, str) else list(images)
    policy["img-src"] = [*images, tiles_source(template)]
    response._csp_config = policy
    return response


def _markers(request, page) -> list[dict]:
    """The places of the services on this page that have coordinates, for the map view."""
    return [
        {
            "lat": place.latitude,
            "lon": place.longitude,
            "name": row.service.name,
            "place": place.name or place.address,
            "url": _url(request, "service", pk=row.service.pk),
        }
        for row in page.items
        for place in row.service.locations.all()
        if place.latitude is not None and place.longitude is not None
    ]


@neighbourhood_view("socialmap.list.view")
def service_list(request):
    """The list of services (the main view), or with ``?view=map`` the same page of results
    on a map above the list, when a tile server is set."""
    viewer = viewer_for(request)
    filters = _filters(request, viewer)
    after = request.GET.get("after")
    page = selectors.service_list(viewer, filters, after=after)
    context = {"page": page, "filters": filters, "languages": LANGUAGES}
    if request.htmx and after:
        return render(request, "socialmap/list.html#service_page", context)
    tiles = map_tiles()
    map_view = bool(tiles) and request.GET.get("view") == "map"
    context.update(
        {
            "map_tiles": tiles,
            "map_view": map_view,
            "map_attribution": getattr(settings, "BUURTPLEIN_MAP_ATTRIBUTION", ""),
            "markers": _markers(request, page) if map_view else [],
            "domains": LifeDomain.choices,
            "language_choices": LANGUAGE_CHOICES,
            "distances": selectors.DISTANCES,
            "place_unknown": bool(filters.km) and filters.place is None,
            "may_create": can(viewer, "socialmap.service.create"),
            "may_see_ours": can(viewer, "socialmap.ours.view"),
            "may_edit_card": can(viewer, "socialmap.card.edit"),
            "may_import": can(viewer, "socialmap.hsds.import"),
        }
    )
    response = render(request, "socialmap/list.html", context)
    return allow_tiles(response, tiles) if map_view else response


@neighbourhood_view("socialmap.list.view")
def service_detail(request, pk):
    viewer = viewer_for(request)
    service = selectors.access_service(viewer, pk)
    may_edit = can(viewer, "socialmap.service.edit", service)
    context = {
        "service": service,
        "may_edit": may_edit,
        "may_end": can(viewer, "socialmap.service.end", service),
        "domains": [LifeDomain(d).label for d in service.life_domains if d in LifeDomain],
        "target_groups": _target_groups(service),
        "service_languages": [LANGUAGES[c] for c in service.languages if c in LANGUAGES],
        # Refer someone, and the like: only to a service that still runs.
        "service_actions": (
            service_actions(request, service) if service.state == State.ACTIVE else []
        ),
        **selectors.service_detail(viewer, service),
    }
    return render(request, "socialmap/service_detail.html", context)


def _target_groups(service) -> list[str]:
    return [TargetGroup(t).label for t in service.target_groups if t in TargetGroup]


# --- adding and changing -------------------------------------------------------------------


def _place_initial(locations) -> list[dict]:
    return [
        {
            "pk": location.pk,
            "name": location.name,
            "address": location.address,
            "postcode": location.postcode,
            "city": location.city,
            "wheelchair": location.wheelchair,
            "hearing_loop": location.hearing_loop,
        }
        for location in locations
    ]


def _period_initial(hours, locations) -> list[dict]:
    index = {location.pk: i for i, location in enumerate(locations)}
    return [
        {
            "kind": h.kind,
            "weekday": h.weekday,
            "opens_at": h.opens_at,
            "closes_at": h.closes_at,
            "place": index.get(h.location_id),
            "note": h.note,
        }
        for h in hours
    ]


class ServiceForms:
    """The service form with its two formsets, read and checked together."""

    def __init__(self, request, viewer, service=None):
        data = posted(request)
        organisations = selectors.organisations_for(viewer)
        if service is not None and not organisations.filter(pk=service.organisation_id).exists():
            organisations = organisations.model.objects.filter(pk=service.organisation_id)
        if service is None:
            chosen = request.GET.get("organisation", "")
            initial = service_initial(None)
            if chosen.isdigit() and organisations.filter(pk=int(chosen)).exists():
                initial["organisation"] = int(chosen)
            locations, hours, people = [], [], []
        else:
            locations = list(service.locations.order_by("pk"))
            hours = list(service.hours.all())
            people = list(service.service_people.values_list("user_id", flat=True))
            initial = service_initial(service, people)
        org_ids = list(organisations.values_list("pk", flat=True))
        self.staff = selectors.staff_choices(org_ids)
        self.form = ServiceForm(
            data, organisations=organisations, staff=self.staff, initial=initial
        )
        self.places = PlaceFormSet(data, prefix="places", initial=_place_initial(locations))
        if data is not None:
            rows = [
                {
                    "name": data.get(f"places-{i}-name", ""),
                    "address": data.get(f"places-{i}-address", ""),
                }
                for i in range(self.places.total_form_count())
            ]
        else:
            rows = _place_initial(locations)
        choices = place_choices(rows, self.places.total_form_count())
        self.periods = PeriodFormSet(
            data,
            prefix="hours",
            initial=_period_initial(hours, locations),
            form_kwargs={"places": choices},
        )

    @property
    def forms(self):
        return [self.form, self.places, self.periods]

    def is_valid(self) -> bool:
        return all([part.is_valid() for part in self.forms])

    def collected(self) -> dict:
        """The action's arguments: places in order (empty and deleted rows left out), periods
        pointing at their place's position in that list."""
        places, position = [], {}
        for index, form in enumerate(self.places.forms):
            place = form.place()
            if place is not None:
                position[index] = len(places)
                places.append(place)
        periods = []
        for form in self.periods.forms:
            period = form.period()
            if period is None:
                continue
            if period.place is not None:
                if len(places) == 1 and period.place not in position:
                    period.place = None
                else:
                    period.place = position.get(period.place)
            periods.append(period)
        if len(places) == 1:
            # One place: every period is there.
            for period in periods:
                period.place = 0
        return {
            "organisation": self.form.cleaned_data["organisation"],
            "people": self.form.cleaned_data["people"],
            "places": places,
            "periods": periods,
            **self.form.service_fields(),
        }

    def context(self, **extra) -> dict:
        return {
            "form": self.form,
            "places": self.places,
            "periods": self.periods,
            "staff": self.staff,
            **extra,
        }


@neighbourhood_view("socialmap.service.create")
def service_create(request):
    """Add a service; ``?organisation=<pk>`` chooses the organisation (its page links here)."""
    viewer = viewer_for(request)
    parts = ServiceForms(request, viewer)
    if request.method == "POST" and parts.is_valid():
        try:
            service = actions.service_create(
                actor=request.user, neighbourhood=request.neighbourhood, **parts.collected()
            )
        except ValidationError as error:
            apply_errors(parts.form, error)
        else:
            messages.success(request, _("The service is on the sociale kaart."))
            return redirect(_url(request, "service", pk=service.pk))
    status = 400 if request.method == "POST" else 200
    return render(request, "socialmap/service_form.html", parts.context(), status=status)


def _editable(request, pk, perm="socialmap.service.edit"):
    viewer = viewer_for(request)
    service = selectors.access_service(viewer, pk)
    if not can(viewer, perm, service):
        raise PermissionDenied
    return viewer, service


@neighbourhood_view("socialmap.service.edit")
def service_edit(request, pk):
    viewer, service = _editable(request, pk)
    parts = ServiceForms(request, viewer, service)
    if request.method == "POST" and parts.is_valid():
        try:
            actions.service_update(actor=request.user, service=service, **parts.collected())
        except ValidationError as error:
            apply_errors(parts.form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_url(request, "service", pk=service.pk))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "socialmap/service_form.html", parts.context(service=service), status=status
    )


@require_POST
@neighbourhood_view("socialmap.service.end")
def service_end(request, pk):
    _viewer, service = _editable(request, pk, "socialmap.service.end")
    try:
        actions.service_end(actor=request.user, service=service)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The service has ended. It is no longer shown on the sociale kaart.")
        )
    return redirect(_url(request, "service", pk=service.pk))


@require_POST
@neighbourhood_view("socialmap.service.edit")
def service_reopen(request, pk):
    _viewer, service = _editable(request, pk)
    try:
        actions.service_reopen(actor=request.user, service=service)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The service is on the sociale kaart again."))
    return redirect(_url(request, "service", pk=service.pk))


@neighbourhood_view("socialmap.ours.view")
def our_services(request):
    viewer = viewer_for(request)
    return render(
        request,
        "socialmap/ours.html",
        {
            "services": selectors.our_services(viewer),
            "may_create": can(viewer, "socialmap.service.create"),
            "ended": State.ENDED,
        },
    )


# --- a professional's card --------------------------------------------------------------------


@neighbourhood_view("socialmap.card.edit")
def card_edit(request):
    from buurtplein.accounts.models import Organisation
    from buurtplein.socialmap.permissions import card_organisation_ids

    viewer = viewer_for(request)
    organisations = Organisation.objects.filter(pk__in=card_organisation_ids(viewer)).order_by(
        "name"
    )
    card = Professional.objects.filter(user=request.user).first()
    form = CardForm(posted(request), instance=card, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.card_save(
                actor=request.user,
                neighbourhood=request.neighbourhood,
                organisation=data["organisation"],
                job_title=data["job_title"],
                working_area=data["working_area"],
                reachable=data["reachable"],
                phone=data["phone"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your card is saved."))
            return redirect(
                nb_reverse(
                    "nb:member",
                    request.neighbourhood,
                    request=request,
                    kwargs={"user_id": request.user.pk},
                )
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "socialmap/card_form.html", {"form": form}, status=status)

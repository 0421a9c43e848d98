"""Pages of the logbook: register (with the "+1 contact" taps and the entries of the last
days), correct or delete an entry, the own week and month, and an organisation's totals.
Every page works without JavaScript; with htmx a tap updates today's tally in place."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.selectors import acting_organisations, staff_org_ids
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.logbook import actions, selectors
from buurtplein.logbook.forms import EntryForm, QuickForm
from buurtplein.logbook.models import EDIT_DAYS, Kind


def _back(request):
    return redirect(nb_reverse("logbook:register", request.neighbourhood, request=request))


def _initial(viewer) -> dict:
    """Today, and the choices of the last registration (the page remembers them)."""
    initial = {"day": timezone.localdate(), "kind": Kind.CONTACT, "people": 1}
    last = selectors.last_entry(viewer)
    if last is not None:
        initial.update(kind=last.kind, life_domain=last.life_domain, how=last.how or None)
        if last.organisation_id in staff_org_ids(viewer):
            initial["organisation"] = last.organisation_id
    elif viewer.membership is not None and viewer.membership.organisation_id in staff_org_ids(
        viewer
    ):
        initial["organisation"] = viewer.membership.organisation_id
    return initial


def _today(viewer, note=""):
    today = timezone.localdate()
    return {
        "today": selectors.totals(selectors._own(viewer), today, today),
        "note": note,
    }


def _registered_text(entry) -> str:
    if entry.kind == Kind.CONTACT:
        return _("Registered: a contact moment (%(how)s, %(domain)s).") % {
            "how": entry.get_how_display().lower(),
            "domain": entry.get_life_domain_display().lower(),
        }
    if entry.kind == Kind.GROUP:
        return _("Registered: a group activity (%(domain)s).") % {
            "domain": entry.get_life_domain_display().lower()
        }
    return _("Registered: time spent (%(domain)s).") % {
        "domain": entry.get_life_domain_display().lower()
    }


@neighbourhood_view("logbook.entry.create")
def register(request):
    viewer = viewer_for(request)
    form = EntryForm(posted(request), viewer=viewer, initial=_initial(viewer))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                entry = actions.entry_create(
                    author=request.user, neighbourhood=request.neighbourhood, **form.values()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _registered_text(entry))
                return _back(request)
        status = 400
    return render(
        request,
        "logbook/register.html",
        {
            "form": form,
            "quick": selectors.quick_taps(viewer),
            "recent": selectors.recent_entries(viewer),
            "edit_days": EDIT_DAYS,
            **_today(viewer),
        },
        status=status,
    )


@require_POST
@neighbourhood_view("logbook.entry.create")
def quick(request):
    """ "+1 contact" with one tap: one person, today, as a recent contact moment."""
    viewer = viewer_for(request)
    form = QuickForm(request.POST, viewer=viewer)
    ok = False
    if form.is_valid():
        try:
            entry = actions.entry_create(
                author=request.user,
                neighbourhood=request.neighbourhood,
                kind=Kind.CONTACT,
                people=1,
                **form.cleaned_data,
            )
        except ValidationError as error:
            note = error_text(error)
        else:
            ok, note = True, _registered_text(entry)
    else:
        note = _("That did not work: register it with the form below.")
    if request.htmx:
        return render(
            request,
            "logbook/register.html#today",
            {"recent": selectors.recent_entries(viewer), "oob": True, **_today(viewer, note)},
            status=200 if ok else 400,
        )
    (messages.success if ok else messages.error)(request, note)
    return _back(request)


@neighbourhood_view("logbook.entry.create")
def edit(request, pk):
    viewer = viewer_for(request)
    entry = selectors.access_entry(viewer, pk)
    initial = {
        "kind": entry.kind,
        "life_domain": entry.life_domain,
        "how": entry.how or None,
        "people": entry.people,
        "minutes": entry.minutes,
        "day": entry.day,
        "organisation": entry.organisation_id,
    }
    form = EntryForm(posted(request), viewer=viewer, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.entry_update(entry=entry, actor=request.user, **form.values())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Your entry was corrected."))
                return _back(request)
        status = 400
    return render(request, "logbook/edit.html", {"form": form, "entry": entry}, status=status)


@require_POST
@neighbourhood_view("logbook.entry.create")
def delete(request, pk):
    viewer = viewer_for(request)
    entry = selectors.access_entry(viewer, pk)
    try:
        actions.entry_delete(entry=entry, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your entry was deleted."))
    return _back(request)


@neighbourhood_view("logbook.overview.view")
def overview(request):
    viewer = viewer_for(request)
    week = month = None
    if can(viewer, "logbook.mine.view"):
        week, month = selectors.my_overview(viewer)
    return render(
        request,
        "logbook/overview.html",
        {
            "week": week,
            "month": month,
            "organisations": list(acting_organisations(viewer)),
            "organisation": None,
        },
    )


@neighbourhood_view("logbook.organisation.view")
def organisation(request, pk):
    viewer = viewer_for(request)
    found = acting_organisations(viewer).filter(pk=pk).first()  # staff here, else 404
    if found is None or not can(viewer, "logbook.organisation.view", found):
        raise Http404
    week, month = selectors.organisation_overview(found)
    return render(
        request,
        "logbook/overview.html",
        {"week": week, "month": month, "organisation": found, "organisations": []},
    )

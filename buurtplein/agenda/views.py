"""Pages and feeds of the agenda. Input → forms, rules → permission chain, writes → actions."""

from __future__ import annotations

import csv
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.accounts.selectors import access_organisation, acting_organisations
from buurtplein.agenda import actions, ical, recurrence, selectors
from buurtplein.agenda.forms import (
    ActivityForm,
    MoveForm,
    NoteForm,
    RsvpForm,
    RsvpNoteForm,
    activity_initial,
)
from buurtplein.agenda.models import ActivityState, RsvpStatus, TargetGroup
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import Viewer, can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation.views import report_page


def _url(request, name, **kwargs) -> str:
    return nb_reverse(f"agenda:{name}", request.neighbourhood, request=request, kwargs=kwargs)


def _activity_url(request, activity, anchor="") -> str:
    return _url(request, "activity", pk=activity.pk) + anchor


def _when(occurrence) -> str:
    start = timezone.localtime(occurrence.starts_at)
    return formats.date_format(start, "l j F, H:i")


def webcal(url: str) -> str:
    """The same feed address for calendar programs (``webcal://`` opens them)."""
    return "webcal://" + url.split("://", 1)[1]


def feed_links(request, path: str) -> dict:
    """The ways to subscribe to a feed at ``path`` (an absolute https link, webcal, Google,
    Outlook)."""
    url = request.build_absolute_uri(path)
    return {
        "url": url,
        "webcal": webcal(url),
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal(url), safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?url=" + quote(url, safe=""),
    }


# --- the home block -----------------------------------------------------------------------------


def home_context(request) -> dict:
    """ "This week in the neighbourhood" on the home: the next dates of the coming seven
    days. Cached per neighbourhood, audience, language and day until an activity changes
    (``selectors.home_version``): a warm home asks the database nothing for it; a cold one
    one query."""
    viewer = viewer_for(request)
    return {
        "occurrences": lambda: selectors.home_occurrences(viewer),
        "may_create": can(viewer, "agenda.activity.create"),
        "members": can(viewer, "agenda.members_activities.view"),
        "version": selectors.home_version(request.neighbourhood.pk),
        "today": selectors.today().isoformat(),
    }


# --- week and month -----------------------------------------------------------------------------


def _calendar_context(request, viewer: Viewer, filters: selectors.Filters) -> dict:
    return {
        "filters": filters,
        "group_choices": TargetGroup.choices,
        "day_choices": [(str(day), name) for day, name in recurrence.WEEKDAY_CHOICES],
        "may_create": can(viewer, "agenda.activity.create"),
        "is_member": viewer.is_member,
    }


@neighbourhood_view("agenda.calendar.view")
def week(request):
    viewer = viewer_for(request)
    filters = selectors.Filters.from_query(request.GET)
    shown = selectors.week(viewer, selectors.parse_week(request.GET.get("week")), filters)
    return render(
        request,
        "agenda/week.html",
        {**_calendar_context(request, viewer, filters), "week": shown},
    )


@neighbourhood_view("agenda.calendar.view")
def month(request):
    viewer = viewer_for(request)
    filters = selectors.Filters.from_query(request.GET)
    shown = selectors.month(viewer, selectors.parse_month(request.GET.get("month")), filters)
    # A visitor's grid is the same for every visitor: cached until an activity here changes
    # (members see their own sign-ups in it).
    shared = not viewer.is_authenticated
    return render(
        request,
        "agenda/month.html",
        {
            **_calendar_context(request, viewer, filters),
            "month": shown,
            "this_week": selectors.week_param(shown.first),
            "grid_version": selectors.home_version(request.neighbourhood.pk) if shared else None,
            "today": selectors.today(),
        },
    )


@neighbourhood_view("agenda.calendar.view")
def subscribe(request):
    """How to see the neighbourhood's activities in your own calendar program."""
    viewer = viewer_for(request)
    return render(
        request,
        "agenda/subscribe.html",
        {
            "links": feed_links(request, _url(request, "feed")),
            "is_member": viewer.is_member,
        },
    )


# --- one activity -------------------------------------------------------------------------------


def rsvp_form(occurrence, data=None) -> RsvpForm:
    """The sign-up form of one date (its own ids: a page shows several), with the answer to
    the activity's question when it asks one."""
    mine = occurrence.my_rsvp
    initial = {"party_size": mine.party_size if mine else 1, "note": mine.note if mine else ""}
    auto_id = f"date{occurrence.pk}_%s"
    question = occurrence.activity.signup_question
    if question:
        return RsvpNoteForm(data, initial=initial, auto_id=auto_id, question=question)
    return RsvpForm(data, initial=initial, auto_id=auto_id)


def _detail_context(request, activity, *, forms_by_date=None) -> dict:
    viewer = viewer_for(request)
    everything = request.GET.get("dates") == "all"
    dates = selectors.activity_dates(viewer, activity, everything=everything)
    more = not everything and len(dates) > selectors.ACTIVITY_DATES
    dates = dates if everything else dates[: selectors.ACTIVITY_DATES]
    forms_by_date = forms_by_date or {}
    for occurrence in dates:
        occurrence.rsvp_form = forms_by_date.get(occurrence.pk) or rsvp_form(occurrence)
    context = {
        "activity": activity,
        "dates": dates,
        "more_dates": more,
        "schedule": recurrence.describe(activity.rrule),
        "may_manage": can(viewer, "agenda.activity.manage", activity),
        "may_remove": can(viewer, "agenda.activity.remove", activity),
        "may_report": can(viewer, "agenda.activity.report", activity),
        "share_url": request.build_absolute_uri(_activity_url(request, activity)),
    }
    if activity.organisation_id and activity.is_public:
        context["organisation_feed"] = feed_links(
            request, _url(request, "feed_organisation", slug=activity.organisation.slug)
        )
    return context


@neighbourhood_view("agenda.calendar.view")
def activity_detail(request, pk):
    viewer = viewer_for(request)
    activity = selectors.find_activity(pk, viewer)
    if not can(viewer, "agenda.activity.view", activity):
        return render(request, "agenda/activity_preview.html", {"activity": activity})
    activity = selectors.access_activity(viewer, pk)
    return render(request, "agenda/activity_detail.html", _detail_context(request, activity))


def _activity_form(request, viewer, *, activity=None):
    initial = activity_initial(activity) if activity else {}
    organisations = None
    if activity is None:
        organisations = acting_organisations(viewer)
        wanted = request.GET.get("organisation", "")
        if wanted.isdigit() and int(wanted) in {o.pk for o in organisations}:
            initial["organisation"] = int(wanted)
    return ActivityForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        organisations=organisations,
        activity=activity,
        initial=initial,
    )


def _schedule_kwargs(data) -> dict:
    return {
        "title": data["title"],
        "description": data["description"],
        "start_date": data["start_date"],
        "start_time": data["start_time"],
        "end_time": data["end_time"],
        "rule": data["rule"],
        "place_name": data["place_name"],
        "address": data["address"],
        "wheelchair_accessible": data["wheelchair_accessible"],
        "hearing_loop": data["hearing_loop"],
        "accessibility_note": data["accessibility_note"],
        "cost": data["cost"],
        "cost_note": data["cost_note"],
        "target_groups": data["target_groups"],
        "capacity": data["capacity"],
        "signup_required": data["signup"] != "drop_in",
        "signup_question": data["signup_question"],
        "visibility": data["visibility"],
        "photo": data["photo"],
        "photo_alt": data["photo_alt"],
    }


def _form_context(form, activity=None) -> dict:
    return {"form": form, "activity": activity}


@neighbourhood_view("agenda.activity.create")
def activity_create(request):
    viewer = viewer_for(request)
    form = _activity_form(request, viewer)
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.activity_create(
                organiser=request.user,
                neighbourhood=request.neighbourhood,
                organisation=form.cleaned_data.get("organisation"),
                **_schedule_kwargs(form.cleaned_data),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your activity is on the agenda."))
            return redirect(_activity_url(request, activity))
    status = 400 if request.method == "POST" else 200
    return render(request, "agenda/activity_form.html", _form_context(form), status=status)


def _managed(request, pk):
    viewer = viewer_for(request)
    activity = selectors.access_activity(viewer, pk)
    if not can(viewer, "agenda.activity.manage", activity):
        raise PermissionDenied
    return activity


@neighbourhood_view("agenda.activity.create")
def activity_edit(request, pk):
    viewer = viewer_for(request)
    activity = _managed(request, pk)
    form = _activity_form(request, viewer, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            actions.activity_update(
                actor=request.user,
                activity=activity,
                remove_photo=form.cleaned_data.get("remove_photo", False),
                **_schedule_kwargs(form.cleaned_data),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(_activity_url(request, activity))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "agenda/activity_form.html", _form_context(form, activity), status=status
    )


@neighbourhood_view("agenda.activity.create")
def activity_cancel(request, pk):
    """Cancel the whole series (every coming date), with a message for who signed up."""
    activity = _managed(request, pk)
    if activity.state != ActivityState.ACTIVE:
        messages.info(request, _("This activity is cancelled already."))
        return redirect(_activity_url(request, activity))
    form = NoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.activity_cancel(
            actor=request.user, activity=activity, note=form.cleaned_data["note"]
        )
        messages.success(request, _("The activity is cancelled. Everyone who signed up hears it."))
        return redirect(_activity_url(request, activity))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "agenda/activity_cancel.html",
        {"activity": activity, "form": form, "people": selectors.people_signed_up(activity)},
        status=status,
    )


@neighbourhood_view("agenda.activity.create")
def activity_remove(request, pk):
    """A buurtverbinder takes an activity off the agenda (audit-logged)."""
    viewer = viewer_for(request)
    activity = selectors.access_activity(viewer, pk)
    if not can(viewer, "agenda.activity.remove", activity):
        raise PermissionDenied
    if request.method == "POST":
        actions.activity_remove(actor=request.user, activity=activity)
        messages.success(request, _("The activity is removed from the agenda."))
        return redirect(_url(request, "week"))
    return render(request, "agenda/activity_remove.html", {"activity": activity})


@neighbourhood_view("agenda.activity.create")
def activity_report(request, pk):
    """Report an activity to the buurtverbinders (moderation queue)."""
    viewer = viewer_for(request)
    activity = selectors.access_activity(viewer, pk)
    if not can(viewer, "agenda.activity.report", activity):
        raise PermissionDenied
    return report_page(
        request, activity, summary=activity.title, back_url=_activity_url(request, activity)
    )


def _ics_response(content: bytes, *, filename: str = "", download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    if filename:
        kind = "attachment" if download else "inline"
        response["Content-Disposition"] = f'{kind}; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _absolute_activity_url(request):
    def url_for(activity) -> str:
        return request.build_absolute_uri(_activity_url(request, activity))

    return url_for


@neighbourhood_view("agenda.calendar.view")
def activity_ics(request, pk):
    """ "Zet in je agenda": the activity (all its dates) as a file for a calendar program."""
    viewer = viewer_for(request)
    activity = selectors.activity_for_ical(viewer, pk)
    content = ical.calendar(
        name=activity.title,
        description=request.neighbourhood.name,
        activities=[activity],
        url_for=_absolute_activity_url(request),
    )
    return _ics_response(content, filename=f"activiteit-{activity.pk}.ics", download=True)


# --- signing up ---------------------------------------------------------------------------------


def _back(request, occurrence) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return _activity_url(request, occurrence.activity, f"#date-{occurrence.pk}")


def _date_response(request, occurrence, *, form=None, status=200, note=""):
    """The date's block again: the htmx answer (swapped in place), or the whole page (400)
    when a form without JavaScript needs its error shown."""
    viewer = viewer_for(request)
    if request.htmx:
        selectors.attach_my_rsvps(viewer, [occurrence])
        occurrence.rsvp_form = form or rsvp_form(occurrence)
        return render(
            request,
            "agenda/_date.html",
            {
                "occurrence": occurrence,
                "activity": occurrence.activity,
                "may_manage": can(viewer, "agenda.activity.manage", occurrence.activity),
                "note": note,
            },
        )
    activity = selectors.access_activity(viewer, occurrence.activity_id)
    context = _detail_context(request, activity, forms_by_date={occurrence.pk: form})
    shown = any(date.pk == occurrence.pk for date in context["dates"])
    if form is not None and form.errors and not shown and not note:
        # The date is further away than the page lists: say it at the top.
        messages.error(request, " ".join(form.errors.get("party_size", [])))
    return render(request, "agenda/activity_detail.html", context, status=status)


def _signed_up_text(rsvp, occurrence) -> str:
    if rsvp.status == RsvpStatus.GOING:
        return _("You are signed up for %(when)s.") % {"when": _when(occurrence)}
    return _(
        "It is full on %(when)s: you are on the waiting list. You get an e-mail when a "
        "place comes free."
    ) % {"when": _when(occurrence)}


@require_POST
@neighbourhood_view("agenda.mine.view")
def rsvp(request, pk):
    """Sign up for one date with one tap (with the number of people)."""
    viewer = viewer_for(request)
    occurrence = selectors.access_occurrence(viewer, pk)
    selectors.attach_my_rsvps(viewer, [occurrence])
    form = rsvp_form(occurrence, request.POST)
    if not form.is_valid():
        return _date_response(request, occurrence, form=form, status=400)
    try:
        signed_up = actions.rsvp_set(
            occurrence=occurrence,
            person=request.user,
            party_size=form.cleaned_data["party_size"],
            note=form.cleaned_data.get("note"),
        )
    except ValidationError as error:
        form.add_error("party_size", error)
        note = ""
        if not can(viewer, "agenda.rsvp.create", occurrence):
            # No form to show the error next to (the date passed, or needs no sign-up).
            note = error_text(error)
            if not request.htmx:
                messages.error(request, note)
        return _date_response(request, occurrence, form=form, status=400, note=note)
    occurrence = selectors.access_occurrence(viewer, pk)
    text = _signed_up_text(signed_up, occurrence)
    if request.htmx:
        return _date_response(request, occurrence, note=text)
    messages.success(request, text)
    return redirect(_back(request, occurrence))


@require_POST
@neighbourhood_view("agenda.mine.view")
def rsvp_cancel(request, pk):
    """Sign off for one date; the waiting list moves up."""
    viewer = viewer_for(request)
    occurrence = selectors.access_occurrence(viewer, pk)
    try:
        actions.rsvp_cancel(occurrence=occurrence, person=request.user)
    except ValidationError as error:
        text = error_text(error)
        if request.htmx:
            return _date_response(request, occurrence, note=text)
        messages.info(request, text)
        return redirect(_back(request, occurrence))
    occurrence = selectors.access_occurrence(viewer, pk)
    text = _("You are signed off for %(when)s.") % {"when": _when(occurrence)}
    if request.htmx:
        return _date_response(request, occurrence, note=text)
    messages.success(request, text)
    return redirect(_back(request, occurrence))


# --- the organiser's dates ----------------------------------------------------------------------


def _managed_occurrence(request, pk):
    viewer = viewer_for(request)
    occurrence = selectors.access_occurrence(viewer, pk)
    if not can(viewer, "agenda.activity.manage", occurrence.activity):
        raise PermissionDenied
    return occurrence


@neighbourhood_view("agenda.activity.create")
def occurrence_cancel(request, pk):
    occurrence = _managed_occurrence(request, pk)
    form = NoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.occurrence_cancel(
                actor=request.user, occurrence=occurrence, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(when)s is cancelled. Everyone who signed up hears it.")
                % {"when": _when(occurrence)},
            )
            return redirect(_activity_url(request, occurrence.activity, f"#date-{occurrence.pk}"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "agenda/occurrence_cancel.html",
        {"occurrence": occurrence, "activity": occurrence.activity, "form": form},
        status=status,
    )


@require_POST
@neighbourhood_view("agenda.activity.create")
def occurrence_restore(request, pk):
    occurrence = _managed_occurrence(request, pk)
    try:
        actions.occurrence_restore(actor=request.user, occurrence=occurrence)
    except ValidationError as error:
        messages.info(request, error_text(error))
    else:
        messages.success(request, _("%(when)s goes ahead after all.") % {"when": _when(occurrence)})
    return redirect(_activity_url(request, occurrence.activity, f"#date-{occurrence.pk}"))


@neighbourhood_view("agenda.activity.create")
def occurrence_move(request, pk):
    occurrence = _managed_occurrence(request, pk)
    start, end = timezone.localtime(occurrence.starts_at), timezone.localtime(occurrence.ends_at)
    form = MoveForm(
        posted(request),
        initial={"day": start.date(), "start_time": start.time(), "end_time": end.time()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.occurrence_move(
                actor=request.user,
                occurrence=occurrence,
                day=form.cleaned_data["day"],
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Moved to %(when)s. Everyone who signed up hears it.")
                % {"when": _when(occurrence)},
            )
            return redirect(_activity_url(request, occurrence.activity, f"#date-{occurrence.pk}"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "agenda/occurrence_move.html",
        {"occurrence": occurrence, "activity": occurrence.activity, "form": form},
        status=status,
    )


@neighbourhood_view("agenda.activity.create")
def attendees(request, pk):
    """Who comes and who waits, for the organiser."""
    occurrence = _managed_occurrence(request, pk)
    return render(
        request,
        "agenda/attendees.html",
        {
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "people": selectors.attendees(occurrence),
        },
    )


@neighbourhood_view("agenda.activity.create")
def attendees_print(request, pk):
    """The list for the door: names, number of people, a column to tick."""
    occurrence = _managed_occurrence(request, pk)
    return render(
        request,
        "agenda/attendees_print.html",
        {
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "people": selectors.attendees(occurrence),
        },
    )


def _cell(value) -> str:
    """A CSV cell that a spreadsheet never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@neighbourhood_view("agenda.activity.create")
def attendees_csv(request, pk):
    """The list as a spreadsheet file (semicolons and a BOM: Excel in Dutch opens it)."""
    occurrence = _managed_occurrence(request, pk)
    people = selectors.attendees(occurrence)
    start = timezone.localtime(occurrence.starts_at)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="aanmeldingen-{occurrence.activity_id}-{start:%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    question = occurrence.activity.signup_question
    writer.writerow(
        [_("Name"), _("Number of people"), _("Status"), _("Signed up on")]
        + ([_cell(question)] if question else [])
    )
    for position, rsvp in enumerate([*people.going, *people.waiting], start=1):
        status = (
            _("Going")
            if rsvp.status == RsvpStatus.GOING
            else _("Waiting list, number %(position)d") % {"position": position - len(people.going)}
        )
        writer.writerow(
            [
                _cell(rsvp.person.display_name),
                rsvp.party_size,
                status,
                formats.date_format(timezone.localtime(rsvp.created_at), "j-n-Y H:i"),
            ]
            + ([_cell(rsvp.note)] if question else [])
        )
    return response


# --- my activities ------------------------------------------------------------------------------


@neighbourhood_view("agenda.mine.view")
def mine(request):
    viewer = viewer_for(request)
    token = selectors.feed_token(viewer)
    return render(
        request,
        "agenda/mine.html",
        {
            "rsvps": selectors.my_rsvps(viewer),
            "organised": selectors.my_organised(viewer),
            "feed": feed_links(request, _url(request, "feed_mine", token=token.token))
            if token
            else None,
            "may_create": can(viewer, "agenda.activity.create"),
        },
    )


@require_POST
@neighbourhood_view("agenda.mine.view")
def feed_link(request):
    """Make your own calendar link, or a new one (the old one stops working)."""
    viewer = viewer_for(request)
    if selectors.feed_token(viewer) is None:
        actions.feed_token_for(user=request.user, neighbourhood=request.neighbourhood)
        messages.success(request, _("Your calendar link is ready. Add it to your calendar."))
    else:
        actions.feed_token_renew(user=request.user, neighbourhood=request.neighbourhood)
        messages.success(
            request,
            _("You have a new calendar link. The old one no longer works: add the new one."),
        )
    return redirect(_url(request, "mine") + "#feed")


# --- feeds --------------------------------------------------------------------------------------


@neighbourhood_view("agenda.calendar.view")
def feed(request):
    """The neighbourhood's activities that are open to everyone."""
    nb = request.neighbourhood
    content = ical.calendar(
        name=_("Activities in %(name)s") % {"name": nb.name},
        description=_("What is on in %(name)s, from Buurtplein.") % {"name": nb.name},
        activities=selectors.feed_activities(),
        url_for=_absolute_activity_url(request),
    )
    return _ics_response(content, filename=f"{nb.slug}.ics")


@neighbourhood_view("agenda.calendar.view")
def feed_organisation(request, slug):
    """The activities of one organisation or club (open to everyone)."""
    organisation = access_organisation(request.neighbourhood, slug)
    content = ical.calendar(
        name=_("Activities of %(name)s") % {"name": organisation.name},
        description=_("%(organisation)s in %(neighbourhood)s, from Buurtplein.")
        % {"organisation": organisation.name, "neighbourhood": request.neighbourhood.name},
        activities=selectors.feed_activities(organisation=organisation),
        url_for=_absolute_activity_url(request),
    )
    return _ics_response(content, filename=f"{organisation.slug}.ics")


@neighbourhood_view("agenda.calendar.view")
def feed_mine(request, token):
    """A person's own feed, by the secret in its address (calendar programs cannot log in):
    what they organise and the dates they signed up for, members-only ones included."""
    user, membership = selectors.feed_owner(token)
    viewer = Viewer(user=user, neighbourhood=request.neighbourhood, membership=membership)
    personal = selectors.personal_feed(viewer)
    with translation.override(user.language or None):
        content = ical.calendar(
            name=_("My activities in %(name)s") % {"name": request.neighbourhood.name},
            description=_("What you signed up for and what you organise, from Buurtplein."),
            activities=personal.activities,
            rsvps=personal.rsvps,
            url_for=_absolute_activity_url(request),
        )
    response = _ics_response(content, filename="mijn-activiteiten.ics")
    response["X-Robots-Tag"] = "noindex"
    return response
